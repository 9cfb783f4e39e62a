"""Benchmarks that are too slow for ``make test``: run them with ``make bench-report``."""
