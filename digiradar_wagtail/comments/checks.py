"""System checks for the comment sub-app's settings and URLs."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

MODEL = "digiradar_wagtail.comments.models.Comment"


@register()
def check_comment_model(app_configs=None, **kwargs):
    messages = []
    if getattr(settings, "COMMENTS_XTD_MODEL", None) != MODEL:
        messages.append(
            Error(
                f"COMMENTS_XTD_MODEL must be '{MODEL}'.",
                hint="Comments carry a moderation state of their own: set COMMENTS_XTD_MODEL.",
                id="digiradar_comments.E001",
            )
        )
    anonymous = getattr(settings, "DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING", 10)
    if not isinstance(anonymous, int) or isinstance(anonymous, bool) or anonymous < 0:
        messages.append(
            Error(
                "DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING must be a whole number of at least 0, "
                f"not {anonymous!r}.",
                hint="Anonymous reports that send a comment back to moderation; 0: never on their own.",
                id="digiradar_comments.E011",
            )
        )
    if getattr(settings, "COMMENTS_XTD_THREADED_EMAILS", True):
        messages.append(
            Warning(
                "COMMENTS_XTD_THREADED_EMAILS is on: django-comments-xtd sends mail in threads.",
                hint="Set COMMENTS_XTD_THREADED_EMAILS = False.",
                id="digiradar_comments.W001",
            )
        )
    return messages


FORBIDDEN_VIEW_MODULES = ("django_comments_xtd", "django_comments")


def _view_modules(callback):
    """The modules a URL pattern's view comes from (function views, class-based and DRF views)."""
    for view in (
        callback,
        getattr(callback, "view_class", None),
        getattr(callback, "cls", None),
        getattr(callback, "__wrapped__", None),
    ):
        module = getattr(view, "__module__", None)
        if module:
            yield module


def _is_forbidden(module):
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN_VIEW_MODULES)


def comment_app_urls(resolver=None, prefix=""):
    """``(route, view module)`` of every pattern reachable from ``resolver`` whose view belongs to
    django-comments-xtd or django_comments."""
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = get_resolver() if resolver is None else resolver
    found = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.extend(comment_app_urls(pattern, route))
        elif isinstance(pattern, URLPattern):
            modules = [module for module in _view_modules(pattern.callback) if _is_forbidden(module)]
            if modules:
                found.append((route, modules[0]))
    return found


@register(Tags.urls)
def check_no_comment_app_urls(app_configs=None, **kwargs):
    """
    django-comments-xtd's and django_comments' own URLs must not be mounted: their views show
    pending and hidden comments (reply view, API with gravatar hashes) and take posts past our
    moderation. The plugin needs only ``digiradar_wagtail.comments.urls``.
    """
    try:
        found = comment_app_urls()
    except (ImportError, ImproperlyConfigured):
        return []  # Django's own URL checks report a broken URLconf
    if not found:
        return []
    routes = ", ".join(f"'{route}' ({module})" for route, module in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    return [
        Error(
            f"The URLconf mounts views of django-comments-xtd or django_comments: {routes}{more}.",
            hint=(
                "Remove include('django_comments_xtd.urls') and include('django_comments.urls') "
                "from your URLconf: they show pending and hidden comments and accept posts past "
                "the moderation. digiradar_wagtail.comments.urls is all the comments need."
            ),
            id="digiradar_comments.E010",
        )
    ]
