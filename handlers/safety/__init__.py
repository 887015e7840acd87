"""handlers/safety"""
