"""handlers/residents"""
