"""All SQL lives in this package, behind small typed repository functions."""

from bot.storage.db import (
    Database,
    Migration,
    MigrationError,
    StorageError,
    load_migrations,
    utc_now,
)

__all__ = [
    "Database", "Migration", "MigrationError", "StorageError", "load_migrations", "utc_now",
]
