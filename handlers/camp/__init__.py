"""handlers/camp"""
