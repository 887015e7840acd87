"""bot/camps"""
