"""Run every benchmark in turn: ``python -m benchmarks`` (what ``make bench`` does)."""

import importlib
import subprocess
import sys

# Each benchmark runs in its own process: they configure Django differently.
BENCHMARKS = [
    "benchmarks.radar_page",
    "benchmarks.ratings_load",
    "benchmarks.ideas_list",
    # the production stack (make prod-demo): Varnish -> gunicorn x4 -> PostgreSQL + Redis
    "benchmarks.read_path",
    "benchmarks.faults",
    "benchmarks.search_latency",
    "benchmarks.mail_worker",
    "benchmarks.follow_fanout",
]


def main():
    failed = []
    for name in BENCHMARKS:
        try:
            importlib.util.find_spec(name)
        except ModuleNotFoundError:
            continue
        if importlib.util.find_spec(name) is None:
            continue
        result = subprocess.run([sys.executable, "-m", name], check=False)
        if result.returncode:
            failed.append(name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
