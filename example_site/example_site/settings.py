"""
Settings of the demo city. They show what a city adds to its own Wagtail project to use the
radar; the lines marked "digiradar" are the ones an installer needs.

SQLite by default; ``DATABASE_URL=postgres://...`` switches to PostgreSQL and
``REDIS_URL=redis://...`` to a shared Redis cache.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A published key signs sessions, CSRF tokens and confirmation links: never in production.
        raise ImproperlyConfigured(
            "DJANGO_DEBUG=0 needs DJANGO_SECRET_KEY: set it to a long random value, e.g. the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    SECRET_KEY = "demo-only-not-secret-0f1e2d3c4b5a"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "demo",
    # digiradar: the radar, and the comment, rating, idea and follow sub-apps
    "digiradar_wagtail",
    "digiradar_wagtail.comments",
    "digiradar_wagtail.ratings",
    "digiradar_wagtail.ideas",
    "digiradar_wagtail.follow",
    # digiradar: translations
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",  # digiradar: purges the front cache (set VARNISH_URL below)
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # digiradar: django-comments-xtd needs the sites framework
    "django.contrib.sites",
    "django_comments_xtd",
    "django_comments",
    # digiradar: mails are sent by a task worker (django-tasks with its database backend)
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # digiradar: first, so that public pages reach a shared cache (Varnish) without Vary: Cookie
    "digiradar_wagtail.public.shared_cache.SharedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "example_site.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "example_site.urls"
# digiradar: a citizen's form refused by the CSRF check (a cookie that changed while it was open)
# is offered again with what they entered, instead of Django's bare 403.
CSRF_FAILURE_VIEW = "digiradar_wagtail.public.csrf.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

WSGI_APPLICATION = "example_site.wsgi.application"

if os.environ.get("DATABASE_URL"):
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = []

# Outside local development the site is served over HTTPS: cookies only travel encrypted.
# DJANGO_HTTPS=0 turns this off (e.g. DJANGO_DEBUG=0 on plain http://127.0.0.1 for a load test).
HTTPS = os.environ.get("DJANGO_HTTPS", "0" if DEBUG else "1") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Digitalisierungsradar München (Demo)"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# digiradar: on PostgreSQL each page is stemmed in its language ("Schule" finds "Schulen");
# on SQLite this is Wagtail's database backend
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "digiradar_wagtail.search",
        "LANGUAGE_SEARCH_CONFIGS": {"de": "german", "en": "english"},
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "txt"]
# No avatars from gravatar.com: the admin must not send editors' data to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a version check against releases.wagtail.org from the dashboard.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Citizens who want to comment under their name log in here (the demo has no public accounts).
LOGIN_URL = "wagtailadmin_login"

# digiradar: django-comments-xtd
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_SALT = b"digiradar-demo-salt"
COMMENTS_XTD_FROM_EMAIL = "radar@example.invalid"
COMMENTS_XTD_CONTACT_EMAIL = "radar@example.invalid"
# digiradar: comments carry a moderation state of their own; mails are sent in the request, not a thread
COMMENTS_XTD_MODEL = "digiradar_wagtail.comments.models.Comment"
COMMENTS_XTD_THREADED_EMAILS = False
DEFAULT_FROM_EMAIL = "radar@example.invalid"
# digiradar: every mail is a task on the "mail" backend; ``manage.py db_worker --backend mail`` sends
# them (``make demo`` runs one). Wagtail's own tasks (search index, front-cache purges) stay on the
# default backend, run at once as before; a city with a worker usually queues both on it.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
DIGIRADAR_MAIL_TASK_BACKEND = "mail"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH")  # for the file backend (benchmarks/mail_worker.py)

# digiradar: the plugin's own settings (defaults in digiradar_wagtail/conf.py)
# digiradar: a front cache (Varnish with docs/deploy/varnish.vcl) is purged on every change when
# VARNISH_URL names it, e.g. VARNISH_URL=http://127.0.0.1:8080 (docs/deploy/front-cache.md).
if os.environ.get("VARNISH_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["VARNISH_URL"],
        }
    }

DIGIRADAR_BASE_TEMPLATE = "base.html"
DIGIRADAR_PRIVACY_URL = {"de": "/de/datenschutz/", "en": "/en/privacy/"}
DIGIRADAR_SEARCH_BACKEND = "default"  # the WAGTAILSEARCH_BACKENDS entry the radar and the API search with

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
