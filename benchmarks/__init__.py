"""Benchmarks for ``make bench``: each prints one JSON object per line; figures, not pass/fail."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The production-stack benchmarks run the demo's stack (example_site/run_stack.py, `make prod-demo`).
sys.path.insert(0, str(ROOT / "example_site"))
