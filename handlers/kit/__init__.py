"""handlers/kit"""
