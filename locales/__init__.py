"""The gettext catalogues: a package only so they ship as package data (bot.resources)."""
