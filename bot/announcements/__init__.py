"""bot/announcements"""
