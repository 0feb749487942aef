"""The example site as the load test runs it: production-like, plus the one-row baseline view."""

from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES, INSTALLED_APPS

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.baseline"]
ROOT_URLCONF = "benchmarks.baseline.urls"
# Every simulated citizen connects from 127.0.0.1: one shared rate-limit bucket would stop the
# test after 30 votes. Production keeps the default.
DIGIRADAR_RATINGS_RATE_LIMIT = 1_000_000
LOGGING = {"version": 1, "disable_existing_loggers": False}
DIGIRADAR_RATINGS_COOKIELESS_REVOTE_LIMIT = 1_000_000
# Prepared statements (Django's switch; off by default for transaction poolers), as
# docs/architecture.md ("Votes at scale") recommends where connections are kept (CONN_MAX_AGE).
DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
