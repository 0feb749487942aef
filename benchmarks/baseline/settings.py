"""The example site as the load test runs it: production-like, plus the one-row baseline view."""

import os

from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES, INSTALLED_APPS

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.baseline"]
ROOT_URLCONF = "benchmarks.baseline.urls"
# Every simulated citizen connects from 127.0.0.1: one shared rate-limit bucket would stop the
# test after 30 votes. Production keeps the default. With BENCH_ADDRESS_PER_CLIENT=1 each client
# sends its own address in X-Forwarded-For as one trusted proxy would, and has a limit of its own.
DIGIRADAR_RATINGS_RATE_LIMIT = int(os.environ.get("BENCH_RATE_LIMIT", 1_000_000))
if os.environ.get("BENCH_ADDRESS_PER_CLIENT") == "1":
    DIGIRADAR_TRUSTED_PROXY_COUNT = 1
LOGGING = {"version": 1, "disable_existing_loggers": False}
DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 1_000_000
# Prepared statements (Django's switch; off by default for transaction poolers), as
# docs/architecture.md ("Votes at scale") recommends where connections are kept (CONN_MAX_AGE).
DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
