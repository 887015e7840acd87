"""handlers/admin"""
