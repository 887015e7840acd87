"""Free-text understanding of residents' messages (see bot.understanding.intent)."""
