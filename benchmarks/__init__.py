"""Benchmarks for ``make bench``: each prints one JSON object per line; figures, not pass/fail."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The production-stack benchmarks run the demo's stack (example_site/run_stack.py, `make prod-demo`).
sys.path.insert(0, str(ROOT / "example_site"))


def throwaway_sqlite():
    """
    The path of a fresh SQLite file for a benchmark's run. ``BENCH_SQLITE_TEMPLATE`` names an
    already migrated one to start from (a copy: the tests migrate once for all the benchmarks);
    without it the file is empty and the benchmark's ``migrate`` builds it.
    """
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    if os.environ.get("BENCH_SQLITE_TEMPLATE"):
        shutil.copyfile(os.environ["BENCH_SQLITE_TEMPLATE"], path)
    return str(path)
