"""
System checks of the comment sub-app (``digiradar_comments.E0xx`` / ``W0xx``): the comment
framework's settings, our own settings and the URLconf.

(The framework's apps missing from INSTALLED_APPS cannot be a check: our models subclass theirs,
so ``apps.DigiradarCommentsConfig.import_models`` stops Django with ``digiradar_wagtail.E002``.)
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from .conf import DEFAULTS, comments_settings

MODEL = "digiradar_wagtail.comments.models.Comment"
CHECK_ID = "digiradar_comments.{}"


def _whole_number(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@register(Tags.compatibility)
def check_comment_framework(app_configs=None, **kwargs):
    messages = []
    if getattr(settings, "COMMENTS_XTD_MODEL", None) != MODEL:
        messages.append(
            Error(
                f"COMMENTS_XTD_MODEL must be '{MODEL}'.",
                hint="Comments carry a moderation state of their own: set COMMENTS_XTD_MODEL.",
                id=CHECK_ID.format("E001"),
            )
        )
    if not getattr(settings, "SITE_ID", None):
        messages.append(
            Error(
                "SITE_ID is not set.",
                hint="django.contrib.sites needs SITE_ID = 1 (or the id of your Site).",
                id=CHECK_ID.format("E003"),
            )
        )
    if getattr(settings, "COMMENTS_APP", None) != "django_comments_xtd":
        messages.append(
            Error(
                "COMMENTS_APP must be 'django_comments_xtd'.",
                hint="Set COMMENTS_APP = 'django_comments_xtd' in your settings.",
                id=CHECK_ID.format("E004"),
            )
        )
    if getattr(settings, "COMMENTS_XTD_THREADED_EMAILS", True):
        messages.append(
            Warning(
                "COMMENTS_XTD_THREADED_EMAILS is on: django-comments-xtd sends mail in threads.",
                hint="Set COMMENTS_XTD_THREADED_EMAILS = False.",
                id=CHECK_ID.format("W001"),
            )
        )
    return messages


@register(Tags.compatibility)
def check_comment_settings(app_configs=None, **kwargs):
    messages = []
    moderation = comments_settings.COMMENTS_MODERATION
    if moderation not in ("pre", "post"):
        messages.append(
            Error(
                f"DIGIRADAR_COMMENTS_MODERATION is {moderation!r}; it must be 'pre' or 'post'.",
                hint="'pre': nothing is public before a moderator approves it; 'post': published at "
                "once (links and blocklisted words still wait). The default is "
                f"{DEFAULTS['COMMENTS_MODERATION']!r}.",
                id=CHECK_ID.format("E008"),
            )
        )
    logged_in = comments_settings.COMMENTS_REPORTS_TO_PENDING
    if not _whole_number(logged_in):
        messages.append(
            Error(
                "DIGIRADAR_COMMENTS_REPORTS_TO_PENDING must be a whole number of at least 0, "
                f"not {logged_in!r}.",
                hint="Reports of logged-in users that send a comment back to moderation; "
                "0: never on their own.",
                id=CHECK_ID.format("E009"),
            )
        )
    anonymous = comments_settings.COMMENTS_ANONYMOUS_REPORTS_TO_PENDING
    if not _whole_number(anonymous):
        messages.append(
            Error(
                "DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING must be a whole number of at least 0, "
                f"not {anonymous!r}.",
                hint="Anonymous reports that send a comment back to moderation; 0: never on their own.",
                id=CHECK_ID.format("E011"),
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
            id=CHECK_ID.format("E010"),
        )
    ]


@register(Tags.urls)
def check_comment_urls_reachable(app_configs=None, **kwargs):
    """The comment form posts to ``digiradar_comments:post``: included, and not shadowed."""
    from ..checks import check_url_reaches

    return check_url_reaches(
        "digiradar_comments:post",
        "digiradar_wagtail.comments",
        CHECK_ID.format("E012"),
        'Add path("digiradar/comments/", include("digiradar_wagtail.comments.urls")) to your URLs '
        "(inside i18n_patterns on a site with several languages).",
    )
