"""Place-name index and fuzzy matching (see bot.places.index)."""
