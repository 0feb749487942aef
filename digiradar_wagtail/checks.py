"""
System checks that tell an installer exactly what is missing (``manage.py check``).

Errors (E) stop the site from starting; warnings (W) name a setting that is probably a mistake.
"""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import KNOWN_SETTINGS, PREFIX, digiradar_settings
from .search import LANGUAGE_CONFIGS_PARAM

CHECK_ID = "digiradar_wagtail.{}"


def _installed(app):
    return apps.is_installed(app)


@register(Tags.compatibility)
def check_required_apps(app_configs=None, **kwargs):
    errors = []
    for app in ("wagtail", "wagtail.snippets", "modelcluster", "taggit"):
        if not _installed(app):
            errors.append(
                Error(
                    f"'{app}' must be in INSTALLED_APPS.",
                    hint=f"Add '{app}' to INSTALLED_APPS; the radar's pages and snippets need it.",
                    id=CHECK_ID.format("E001"),
                )
            )
    return errors


@register(Tags.compatibility)
def check_i18n(app_configs=None, **kwargs):
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return []
    prefix = "WAGTAIL_I18N_ENABLED is True but "
    return failed_checks(
        CHECK_ID,
        (
            not _installed("wagtail_localize"),
            Error,
            prefix + "'wagtail_localize' is not in INSTALLED_APPS.",
            "Add 'wagtail_localize' and 'wagtail_localize.locales' to INSTALLED_APPS, "
            "or set WAGTAIL_I18N_ENABLED = False for a single-language radar.",
            "E005",
        ),
        (
            not getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None),
            Error,
            prefix + "WAGTAIL_CONTENT_LANGUAGES is empty.",
            "Set WAGTAIL_CONTENT_LANGUAGES = [('de', 'Deutsch'), ('en', 'English')].",
            "E006",
        ),
        (
            not getattr(settings, "USE_I18N", True),
            Error,
            prefix + "USE_I18N is False.",
            "Set USE_I18N = True.",
            "E007",
        ),
        (
            "django.middleware.locale.LocaleMiddleware" not in getattr(settings, "MIDDLEWARE", []),
            Warning,
            "LocaleMiddleware is not in MIDDLEWARE: public pages will not switch language.",
            "Add 'django.middleware.locale.LocaleMiddleware' after SessionMiddleware.",
            "W001",
        ),
    )


def failed_checks(check_id, *problems):
    """
    A message for each ``(failed, level, text, hint, number)`` whose ``failed`` is true: ``level``
    is ``Error`` or ``Warning``, its id ``check_id.format(number)``. Shared by the sub-apps.
    """
    return [
        level(text, hint=hint, id=check_id.format(number))
        for failed, level, text, hint, number in problems
        if failed
    ]


@register(Tags.compatibility)
def check_plugin_settings(app_configs=None, **kwargs):
    errors = []
    for name in dir(settings):
        if name.startswith(PREFIX) and name[len(PREFIX) :] not in KNOWN_SETTINGS:
            errors.append(
                Warning(
                    f"Unknown setting {name}: it has no effect (or it belongs to an app that is not "
                    "installed).",
                    hint="Known settings: " + ", ".join(PREFIX + key for key in sorted(KNOWN_SETTINGS)),
                    id=CHECK_ID.format("W002"),
                )
            )
    errors += whole_number_errors(
        digiradar_settings,
        {
            "HISTORY_MARKER_DAYS": "Days a measure counts as new or moved",
            "RADAR_CACHE_TIMEOUT": "Seconds a rendered radar stays in the cache",
            "PUBLIC_CACHE_SECONDS": "Seconds a shared cache may keep a public page (0: not at all)",
            "TRUSTED_PROXY_COUNT": "Proxies in front of Django that append to X-Forwarded-For",
            "MAIL_RETRY_SECONDS": "Seconds before a mail's second try (doubling each further one)",
        },
        0,
        CHECK_ID.format("E009"),
    )
    errors += whole_number_errors(
        digiradar_settings,
        {
            "STALE_PROGRESS_DAYS": "Days after which a measure's progress counts as out of date",
            "STALE_REMINDER_DAYS": "Days between two reminders to one contact mailbox",
            "MAIL_ATTEMPTS": "Tries of each mail before it is given up",
        },
        1,
        CHECK_ID.format("E009"),
    )
    return errors


def unknown_name(setting, value, what, names, consequence, number):
    """An Error list for a setting that names something (a cache, a backend) that is not configured."""
    return [
        Error(
            f"{PREFIX}{setting} is {value!r}, which is not {what}: {consequence}",
            hint="Name one of: " + ", ".join(sorted(names)) + ".",
            id=CHECK_ID.format(number),
        )
    ]


def whole_number_errors(app_settings, meanings, minimum, check_id):
    """
    An Error for each setting in ``meanings`` ({name: what it means}) of ``app_settings`` (an
    ``AppSettings``) that is not a whole number of at least ``minimum``. Shared by the sub-apps.
    """
    errors = []
    for name, meaning in meanings.items():
        value = getattr(app_settings, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            errors.append(
                Error(
                    f"{PREFIX}{name} must be a whole number of at least {minimum}, not {value!r}.",
                    hint=f"{meaning}; the default is {app_settings.defaults[name]!r}.",
                    id=check_id,
                )
            )
    return errors


def _url_callbacks(resolver=None):
    """Every view the project's URLconf can reach (resolver trees walked depth first)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    stack = [resolver or get_resolver()]
    while stack:
        current = stack.pop()
        for entry in current.url_patterns:
            if isinstance(entry, URLResolver):
                stack.append(entry)
            elif isinstance(entry, URLPattern):
                yield entry.callback


@register(Tags.urls)
def check_api_endpoint(app_configs=None, **kwargs):
    """Wagtail's own pages endpoint answers 500 to a date or decimal filter with a wrong value."""
    from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet

    for callback in _url_callbacks():
        if getattr(callback, "cls", None) is WagtailPagesAPIViewSet:
            return [
                Warning(
                    "The Wagtail API serves measures through Wagtail's own PagesAPIViewSet.",
                    hint="Register digiradar_wagtail.api.PagesAPIViewSet instead: it answers 400, not 500, "
                    "to filters such as ?start_date=abc, NUL characters and overlong searches.",
                    id=CHECK_ID.format("W003"),
                )
            ]
    return []


# Base template --------------------------------------------------------------------------------
REQUIRED_BLOCKS = {"content"}
ASSET_BLOCKS = {"extra_css": "the stylesheet and open-data links", "extra_js": "the radar's script"}


def _block_names(template, depth=0):
    """
    Names of every ``{% block %}`` in a Django template and the templates it extends (by a literal
    name; a parent chosen at render time is not followed).
    """
    from django.template.loader import get_template
    from django.template.loader_tags import BlockNode, ExtendsNode

    names = {node.name for node in template.nodelist.get_nodes_by_type(BlockNode)}
    for node in template.nodelist.get_nodes_by_type(ExtendsNode):
        if isinstance(node.parent_name.var, str) and depth < 10:
            names |= _block_names(get_template(node.parent_name.var).template, depth + 1)
    return names


@register(Tags.templates)
def check_base_template(app_configs=None, **kwargs):
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    from .conf import digiradar_settings

    name = digiradar_settings.BASE_TEMPLATE
    try:
        template = get_template(name).template
    except TemplateDoesNotExist:
        return [
            Error(
                f"DIGIRADAR_BASE_TEMPLATE is {name!r}, and no such template exists: radar and measure "
                "pages would answer 500.",
                hint="Name your site's base template (e.g. 'base.html'), or remove the setting to use "
                "'digiradar_wagtail/base.html'.",
                id=CHECK_ID.format("E010"),
            )
        ]
    except TemplateSyntaxError as error:
        return [Error(f"The base template {name!r} cannot be read: {error}", id=CHECK_ID.format("E010"))]
    blocks = _block_names(template)
    messages = []
    for block in sorted(REQUIRED_BLOCKS - blocks):
        messages.append(
            Error(
                f"The base template {name!r} has no {{% block {block} %}}: radar and measure pages "
                "would show nothing.",
                hint=f"Add {{% block {block} %}}{{% endblock %}} where the page's content belongs.",
                id=CHECK_ID.format("E011"),
            )
        )
    for block, what in ASSET_BLOCKS.items():
        if block not in blocks:
            messages.append(
                Warning(
                    f"The base template {name!r} has no {{% block {block} %}}: {what} will not load.",
                    hint="Add {% block extra_css %}{% endblock %} inside <head> and "
                    "{% block extra_js %}{% endblock %} before </body>, as `wagtail start` writes them.",
                    id=CHECK_ID.format("W005"),
                )
            )
    if '<html lang="en">' in template.source or "<html lang='en'>" in template.source:
        messages.append(
            Warning(
                f'The base template {name!r} declares <html lang="en"> on every page: German pages '
                "would be read out as English (WCAG 3.1.1).",
                hint="Load {% load i18n %}, add {% get_current_language as LANGUAGE_CODE %} and write "
                '<html lang="{{ LANGUAGE_CODE }}">.',
                id=CHECK_ID.format("W006"),
            )
        )
    return messages


# Cache ----------------------------------------------------------------------------------------
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches)
def check_cache_alias(app_configs=None, **kwargs):
    from .conf import digiradar_settings

    alias = digiradar_settings.CACHE_ALIAS
    if alias not in getattr(settings, "CACHES", {"default": {}}):
        return unknown_name(
            "CACHE_ALIAS",
            alias,
            "a cache in CACHES",
            settings.CACHES,
            "every radar page and rate limit would answer 500.",
            "E012",
        )
    return []


@register(Tags.compatibility)
def check_mail_task_backend(app_configs=None, **kwargs):
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS

    from .conf import digiradar_settings

    alias = digiradar_settings.MAIL_TASK_BACKEND
    backends = getattr(settings, "TASKS", {DEFAULT_TASK_BACKEND_ALIAS: {}})
    if alias not in backends:
        return unknown_name(
            "MAIL_TASK_BACKEND", alias, "a backend in TASKS", backends, "no mail could be queued.", "E014"
        )
    return []


@register(Tags.compatibility, deploy=True)
def check_mail_worker(app_configs=None, **kwargs):
    from django_tasks import task_backends

    from .conf import digiradar_settings

    if digiradar_settings.MAIL_TASK_BACKEND not in getattr(settings, "TASKS", {"default": {}}):
        return []  # E014
    if task_backends[digiradar_settings.MAIL_TASK_BACKEND].supports_defer:
        return []
    return [
        Warning(
            "Mails are sent inside the request that causes them (the task backend runs tasks at "
            "once): a slow mail server slows the request and a refused mail is not tried again.",
            hint="Use a task backend with a worker, such as django_tasks_db.DatabaseBackend and "
            "'manage.py db_worker' (README: Mail worker).",
            id=CHECK_ID.format("W009"),
        )
    ]


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    from .conf import digiradar_settings

    backend = settings.CACHES.get(digiradar_settings.CACHE_ALIAS, {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                f"The cache {digiradar_settings.CACHE_ALIAS!r} ({backend.rsplit('.', 1)[-1]}) lives in each "
                "server process: rate limits count per process (N processes let N times as many "
                "comments and votes through) and a publish redraws the radar in one process only.",
                hint="Use a shared cache such as django.core.cache.backends.redis.RedisCache.",
                id=CHECK_ID.format("W007"),
            )
        ]
    return []


@register(Tags.caches)
def check_shared_cache_middleware(app_configs=None, **kwargs):
    from .conf import digiradar_settings
    from .public.shared_cache import MIDDLEWARE

    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if not digiradar_settings.PUBLIC_CACHE_SECONDS:
        return []
    if MIDDLEWARE not in middleware:
        return [
            Warning(
                f"{MIDDLEWARE} is not in MIDDLEWARE: no public page can be kept by a shared cache "
                "(Varnish, a CDN), every anonymous visit renders the page anew.",
                hint="Add it as the first entry of MIDDLEWARE, or set DIGIRADAR_PUBLIC_CACHE_SECONDS = 0 "
                "to say that no shared cache is wanted.",
                id=CHECK_ID.format("W008"),
            )
        ]
    session = "django.contrib.sessions.middleware.SessionMiddleware"
    if session in middleware and middleware.index(MIDDLEWARE) > middleware.index(session):
        return [
            Error(
                f"{MIDDLEWARE} comes after {session} in MIDDLEWARE: it cannot take back the "
                "'Vary: Cookie' the session middleware adds, so no shared cache keeps a public page.",
                hint="Move it to the top of MIDDLEWARE.",
                id=CHECK_ID.format("E013"),
            )
        ]
    return []


# URLs -----------------------------------------------------------------------------------------
def check_url_reaches(url_name, expected_module, check_id, include_hint):
    """
    An Error when the URL named ``url_name`` (or ``(name, args)``) is not included, or when another
    pattern (such as Wagtail's catch-all page route, listed before it) answers its path instead of
    the plugin's view. Used by the sub-apps for the URLs their forms post to.
    """
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse
    from django.utils import translation

    url_name, args = url_name if isinstance(url_name, tuple) else (url_name, [])
    with translation.override(settings.LANGUAGE_CODE):
        try:
            path = reverse(url_name, args=args)
        except NoReverseMatch:
            return [
                Error(
                    f"The URL {url_name!r} is not included: its forms would post to nowhere.",
                    hint=include_hint,
                    id=check_id,
                )
            ]
        try:
            match = resolve(path)
        except Resolver404:
            return []
    if not match.func.__module__.startswith(expected_module):
        return [
            Error(
                f"{path} is answered by {match.func.__module__}.{match.func.__name__}, not by the plugin: "
                "another URL pattern listed earlier shadows it (Wagtail's page route catches every path).",
                hint=include_hint + " List it before path('', include(wagtail_urls)).",
                id=check_id,
            )
        ]
    return []


# Search ---------------------------------------------------------------------------------------
SEARCH_BACKEND_MODULE = "digiradar_wagtail.search"


def _search_backends():
    # Wagtail adds a "default" database backend when WAGTAILSEARCH_BACKENDS does not name one.
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    return {"default": {"BACKEND": "wagtail.search.backends.database"}, **configured}


def _on_postgresql():
    return any("postgres" in database.get("ENGINE", "") for database in settings.DATABASES.values())


@register(Tags.compatibility)
def check_search_backend(app_configs=None, **kwargs):
    name = digiradar_settings.SEARCH_BACKEND
    backends = _search_backends()
    if not isinstance(name, str) or name not in backends:
        return unknown_name(
            "SEARCH_BACKEND",
            name,
            "a backend in WAGTAILSEARCH_BACKENDS",
            backends,
            "every search on a radar and in the API would answer 500.",
            "E020",
        )
    params = backends[name]
    configs = params.get(LANGUAGE_CONFIGS_PARAM)
    pairs = configs.items() if isinstance(configs, dict) else [(None, None)]
    if configs is not None and not all(isinstance(item, str) and item for pair in pairs for item in pair):
        return [
            Error(
                f"{LANGUAGE_CONFIGS_PARAM} of the search backend {name!r} must map language codes to "
                f"PostgreSQL text search configurations, not {configs!r}.",
                hint='For example {"de": "german", "en": "english"}.',
                id=CHECK_ID.format("E021"),
            )
        ]
    several_languages = len(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or []) > 1
    per_language = params.get("BACKEND") == SEARCH_BACKEND_MODULE and configs
    if _on_postgresql() and several_languages and not per_language:
        return [
            Warning(
                f"The search backend {name!r} stems the pages of every language in one text search "
                "configuration: in the other languages a search finds only the exact word form "
                "(on a German radar 'Schule' does not find 'Schulen').",
                hint=f'Set its BACKEND to "{SEARCH_BACKEND_MODULE}" and {LANGUAGE_CONFIGS_PARAM} to '
                '{"de": "german", "en": "english"}, then run manage.py update_index.',
                id=CHECK_ID.format("W020"),
            )
        ]
    return []


@register(Tags.database)
def check_search_configs_exist(app_configs=None, databases=None, **kwargs):
    """Every configuration named in LANGUAGE_SEARCH_CONFIGS exists (``check --database default``)."""
    from django.db import connections

    params = _search_backends().get(digiradar_settings.SEARCH_BACKEND, {})
    configs = params.get(LANGUAGE_CONFIGS_PARAM)
    if not databases or not isinstance(configs, dict) or params.get("BACKEND") != SEARCH_BACKEND_MODULE:
        return []
    connection = connections["default"]
    if "default" not in databases or connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_catalog.pg_ts_config")
        existing = {row[0] for row in cursor.fetchall()}
    return [
        Error(
            f"{LANGUAGE_CONFIGS_PARAM} names the text search configuration {config!r} for {language!r}, and "
            "PostgreSQL has none of that name: every search and every publish would fail.",
            hint="Available: " + ", ".join(sorted(existing)) + ".",
            id=CHECK_ID.format("E022"),
        )
        for language, config in configs.items()
        if str(config).rsplit(".", 1)[-1] not in existing
    ]
