"""handlers/operators"""
