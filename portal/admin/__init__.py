"""Settings a complaints manager or administrator changes: timescales, category lists,
council details."""
