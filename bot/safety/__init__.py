"""bot/safety"""
