"""
System checks that tell an installer exactly what is missing (``manage.py check``).

Errors (E) stop the site from starting; warnings (W) name a setting that is probably a mistake.
"""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import DEFAULTS, KNOWN_SETTINGS, PREFIX

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
    errors = []
    if not _installed("wagtail_localize"):
        errors.append(
            Error(
                "WAGTAIL_I18N_ENABLED is True but 'wagtail_localize' is not in INSTALLED_APPS.",
                hint="Add 'wagtail_localize' and 'wagtail_localize.locales' to INSTALLED_APPS, "
                "or set WAGTAIL_I18N_ENABLED = False for a single-language radar.",
                id=CHECK_ID.format("E005"),
            )
        )
    if not getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None):
        errors.append(
            Error(
                "WAGTAIL_I18N_ENABLED is True but WAGTAIL_CONTENT_LANGUAGES is empty.",
                hint="Set WAGTAIL_CONTENT_LANGUAGES = [('de', 'Deutsch'), ('en', 'English')].",
                id=CHECK_ID.format("E006"),
            )
        )
    if not getattr(settings, "USE_I18N", True):
        errors.append(
            Error(
                "WAGTAIL_I18N_ENABLED is True but USE_I18N is False.",
                hint="Set USE_I18N = True.",
                id=CHECK_ID.format("E007"),
            )
        )
    if "django.middleware.locale.LocaleMiddleware" not in getattr(settings, "MIDDLEWARE", []):
        errors.append(
            Warning(
                "LocaleMiddleware is not in MIDDLEWARE: public pages will not switch language.",
                hint="Add 'django.middleware.locale.LocaleMiddleware' after SessionMiddleware.",
                id=CHECK_ID.format("W001"),
            )
        )
    return errors


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
    for name in ("HISTORY_MARKER_DAYS", "RADAR_CACHE_TIMEOUT", "RADAR_SIZE"):
        value = getattr(settings, PREFIX + name, DEFAULTS[name])
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.append(
                Error(
                    f"{PREFIX}{name} must be a whole number of at least 0, not {value!r}.",
                    id=CHECK_ID.format("E009"),
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
