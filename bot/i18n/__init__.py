"""bot/i18n"""
