"""handlers/staff"""
