"""Entry point: ``python bot.py`` does what the ``daleel`` command does."""

from handlers.main import main

if __name__ == "__main__":
    raise SystemExit(main())
