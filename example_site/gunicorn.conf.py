"""
gunicorn for the demo city in production: ``gunicorn -c example_site/gunicorn.conf.py``.

Every value can be changed from the environment (docs/deploy.md): GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG. The application is Django's WSGI handler
with ``example_site.production`` unless DJANGO_SETTINGS_MODULE says otherwise.
"""

import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.production")

# Imports resolve from example_site/, wherever gunicorn is started.
chdir = os.path.dirname(os.path.abspath(__file__))
wsgi_app = os.environ.get("GUNICORN_APP", "example_site.wsgi:application")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Processes, each with threads: a thread waiting on PostgreSQL or Redis does not hold a whole
# process. 4 x 8 serves a city's radar on two cores; add processes with cores, not threads.
workers = int(os.environ.get("GUNICORN_WORKERS", 4))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 8))

# A request still running after this is killed with its worker (the longest legitimate one is
# an import preview of a 5 MB spreadsheet). graceful_timeout: how long a stopping worker may
# finish what it is doing.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 20
keepalive = 5  # seconds; Varnish reuses its backend connections

# A worker is replaced after this many requests (with jitter, so not all at once): bounds the
# memory any slow leak can take.
max_requests = 2000
max_requests_jitter = 200

# Errors to stderr; the access log is off by default (Varnish logs every request with varnishncsa).
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "0") == "1" else None


def post_worker_init(worker):
    """
    The application is loaded: what it imported lives as long as the process. Frozen, those
    ~200,000 objects are no longer walked by each full run of Python's cyclic garbage collector,
    a pause of 0.25-0.6 s that held every thread of the process (measured under load, 4 x 8).
    """
    gc.freeze()
