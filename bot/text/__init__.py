"""Text folding and search keys (see bot.text.fold)."""
