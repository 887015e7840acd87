"""Test-wide setup."""

import os

# python-telegram-bot 22 warns on every RetryAfter unless durations are timedeltas;
# Daleel handles both (handlers.kit.ratelimit.retry_after_seconds) and opts in, as the CLI does.
os.environ["PTB_TIMEDELTA"] = "1"
