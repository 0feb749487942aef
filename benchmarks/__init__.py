"""Benchmarks for ``make bench``: each prints one JSON object per line; figures, not pass/fail."""
