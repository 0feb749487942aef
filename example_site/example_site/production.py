"""
Production settings of the demo city: ``DJANGO_SETTINGS_MODULE=example_site.production``.

Everything that differs between machines comes from the environment (docs/deploy.md lists it):
``SECRET_KEY``, ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` are required; the front cache
(``VARNISH_URL``), mail, trusted proxies, HTTPS and paths have defaults for a site served over
HTTPS behind a TLS-terminating proxy and Varnish.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import BASE_DIR, INSTALLED_APPS, MIDDLEWARE


def env(name, default=None, required=None):
    """The variable ``name``; ``required`` (why it is needed) makes a missing one an error."""
    value = os.environ.get(name, "").strip()
    if not value and required:
        raise ImproperlyConfigured(
            f"example_site.production needs the environment variable {name}: {required}"
        )
    return value or default


def env_flag(name, default):
    value = env(name, "1" if default else "0").lower()
    if value not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
        raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")
    return value in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env(
    "SECRET_KEY",
    required="it signs sessions, CSRF tokens, vote forms and comment confirmation links. Generate "
    "one with python -c 'import secrets; print(secrets.token_urlsafe(50))' and give every "
    "application host the same value.",
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or ["localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS ----------------------------------------------------------------------------------------
# HTTPS=0 only for a plain-http run on 127.0.0.1 (make prod-demo, the benchmarks).
HTTPS = env_flag("HTTPS", True)
if HTTPS and env_flag("BEHIND_TLS_PROXY", True):
    # TLS ends at the proxy in front (nginx, HAProxy, a load balancer, a CDN), which must set
    # X-Forwarded-Proto itself, overwriting whatever the client sent.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("HSTS_PRELOAD", True)

# Where the page and its admin are reached: links in mails to moderators.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL", f"{'https' if HTTPS else 'http'}://{ALLOWED_HOSTS[0].lstrip('.')}"
)

# Proxies in front of the application that append to X-Forwarded-For: Varnish alone is 1, a TLS
# proxy or load balancer before Varnish makes 2. The plugin's rate limits key on the address
# this many hops back; an X-Forwarded-For sent by a client itself is not trusted.
DIGIRADAR_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# PostgreSQL ------------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", required="postgres://user:password@host:5432/name of the database.")
if urlsplit(DATABASE_URL).scheme not in {"postgres", "postgresql", "pgsql"}:
    raise ImproperlyConfigured(
        f"DATABASE_URL must point to PostgreSQL (postgres://...), not {urlsplit(DATABASE_URL).scheme}://: "
        "votes and comments rely on its row locks and constraints under concurrent writers."
    )
import dj_database_url  # noqa: E402

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Keep connections for a while, but test a kept one before a request uses it, so that a
        # restarted database costs no request a "connection already closed" error.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
)
# Kept connections may hold prepared statements (psycopg's; Django's ORM never prepares, the vote's
# statements do: docs/architecture.md, "Votes at scale"). Off with CONN_MAX_AGE=0 or
# DATABASE_PREPARE_THRESHOLD=0 (a pooler in transaction mode that does not track them).
_prepare_threshold = env_int("DATABASE_PREPARE_THRESHOLD", 5 if DATABASES["default"]["CONN_MAX_AGE"] else 0)
if _prepare_threshold:
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", _prepare_threshold)

# While PostgreSQL restarts, requests that need it are answered 503 with Retry-After, not 500.
# (Its place does not matter: it only handles what views raise.)
MIDDLEWARE = [*MIDDLEWARE, "digiradar_wagtail.middleware.DatabaseUnavailableMiddleware"]

# Redis: the shared cache --------------------------------------------------------------------
# Rate-limit counters and the radar's fragment cache live here, shared by every application
# process and host. Short timeouts: an unreachable Redis must not hold a request for long.
REDIS_TIMEOUT = float(env("REDIS_TIMEOUT", "1"))
CACHES = {
    "default": {
        # Django's RedisCache, but a stopped Redis costs no page a 500 (example_site/cache.py).
        "BACKEND": "example_site.cache.FailSoftRedisCache",
        "LOCATION": env(
            "REDIS_URL", required="redis://host:6379/0, the cache every application host shares."
        ),
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "digiradar"),
        "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
    }
}

# Sessions stay in PostgreSQL (Django's default): logged-in editors survive a Redis restart.

# The front cache: Varnish (docs/deploy/varnish.vcl, docs/deploy/front-cache.md) ----------------
VARNISH_URL = env("VARNISH_URL")
if VARNISH_URL:
    if "wagtail.contrib.frontend_cache" not in INSTALLED_APPS:
        INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": VARNISH_URL,
        }
    }

# Mail -----------------------------------------------------------------------------------------


def mail_settings():
    """EMAIL_URL (smtp://user:password@host:587, smtps://... for implicit TLS, console:) or EMAIL_*."""
    url = env("EMAIL_URL")
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": env("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": env_int("EMAIL_PORT", 25),
            "EMAIL_HOST_USER": env("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_flag("EMAIL_USE_TLS", False),
            "EMAIL_USE_SSL": env_flag("EMAIL_USE_SSL", False),
        }
    parts = urlsplit(url)
    if parts.scheme == "console":  # a local run only: check --deploy warns (digiradar_comments.W004)
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL must start with smtp://, smtps:// or console:, not {url!r}.")
    query = parse_qs(parts.query)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        # STARTTLS on the submission port, or when asked for with ?tls=1
        "EMAIL_USE_TLS": parts.scheme == "smtp" and (parts.port == 587 or query.get("tls") == ["1"]),
    }


globals().update(mail_settings())
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"radar@{ALLOWED_HOSTS[0].lstrip('.')}")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = env("CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

# Files ----------------------------------------------------------------------------------------
# collectstatic writes STATIC_ROOT with hashed names; the web server or CDN in front serves it
# (make prod-demo lets the application serve it, see example_site/prod_stack.py). Uploaded
# images and documents go to MEDIA_ROOT, which every application host must share.
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "static_collected"))
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))
# The spreadsheet import keeps its preview here between dry run and confirmation: with several
# application hosts, a directory they share (or the admin pinned to one host).
FILE_UPLOAD_TEMP_DIR = env("FILE_UPLOAD_TEMP_DIR")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Logging: everything to stderr, where gunicorn and systemd or the container runtime collect it --
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
