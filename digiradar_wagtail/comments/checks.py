"""
System checks of the comment sub-app (``digiradar_comments.E0xx`` / ``W0xx``): the comment
framework's settings, our own settings and the URLconf.

(The framework's apps missing from INSTALLED_APPS cannot be a check: our models subclass theirs,
so ``apps.DigiradarCommentsConfig.import_models`` stops Django with ``digiradar_wagtail.E002``.)
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from ..checks import failed_checks, whole_number_errors
from .conf import DEFAULTS, comments_settings

MODEL = "digiradar_wagtail.comments.models.Comment"
CHECK_ID = "digiradar_comments.{}"


@register(Tags.compatibility)
def check_comment_framework(app_configs=None, **kwargs):
    return failed_checks(
        CHECK_ID,
        (
            getattr(settings, "COMMENTS_XTD_MODEL", None) != MODEL,
            Error,
            f"COMMENTS_XTD_MODEL must be '{MODEL}'.",
            "Comments carry a moderation state of their own: set COMMENTS_XTD_MODEL.",
            "E001",
        ),
        (
            not getattr(settings, "SITE_ID", None),
            Error,
            "SITE_ID is not set.",
            "django.contrib.sites needs SITE_ID = 1 (or the id of your Site).",
            "E003",
        ),
        (
            getattr(settings, "COMMENTS_APP", None) != "django_comments_xtd",
            Error,
            "COMMENTS_APP must be 'django_comments_xtd'.",
            "Set COMMENTS_APP = 'django_comments_xtd' in your settings.",
            "E004",
        ),
        (
            getattr(settings, "COMMENTS_XTD_THREADED_EMAILS", True),
            Warning,
            "COMMENTS_XTD_THREADED_EMAILS is on: django-comments-xtd sends mail in threads.",
            "Set COMMENTS_XTD_THREADED_EMAILS = False.",
            "W001",
        ),
    )


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
    messages += whole_number_errors(
        comments_settings,
        {
            "COMMENTS_REPORTS_TO_PENDING": "Reports of logged-in users that send a comment back to "
            "moderation (0: never on their own)"
        },
        0,
        CHECK_ID.format("E009"),
    )
    messages += whole_number_errors(
        comments_settings,
        {
            "COMMENTS_ANONYMOUS_REPORTS_TO_PENDING": "Anonymous reports that send a comment back to "
            "moderation (0: never on their own)"
        },
        0,
        CHECK_ID.format("E011"),
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
        'Add path("", include("digiradar_wagtail.urls")) to your URLs, before Wagtail\'s page route '
        "(inside i18n_patterns on a site with several languages).",
    )


# Mail ------------------------------------------------------------------------------------------
DJANGO_DEFAULT_FROM = "webmaster@localhost"
PLACEHOLDER_HOSTS = {"example.com", "www.example.com"}
NO_DELIVERY_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend": "console",
    "django.core.mail.backends.locmem.EmailBackend": "locmem",
    "django.core.mail.backends.dummy.EmailBackend": "dummy",
    "django.core.mail.backends.filebased.EmailBackend": "filebased",
}


@register(Tags.compatibility)
def check_mail_settings(app_configs=None, **kwargs):
    """Who the comment mails come from, and where their admin links point to."""
    messages = []
    sender = getattr(settings, "COMMENTS_XTD_FROM_EMAIL", None) or settings.DEFAULT_FROM_EMAIL
    if sender == DJANGO_DEFAULT_FROM:
        messages.append(
            Warning(
                f"Comment mails are sent from Django's default address {DJANGO_DEFAULT_FROM!r}: "
                "confirmation requests to citizens would come from it (and often end up as spam).",
                hint="Set DEFAULT_FROM_EMAIL (or COMMENTS_XTD_FROM_EMAIL) to an address of the city "
                "that the mail server may send from, e.g. DEFAULT_FROM_EMAIL = 'radar@city.example'.",
                id=CHECK_ID.format("W002"),
            )
        )
    # Left out entirely, Wagtail's own check wagtailadmin.W003 says so; we add the empty value and
    # the placeholder that `wagtail start` writes, which Wagtail accepts.
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    if base_url is not None and (not base_url or urlsplit(base_url).hostname in PLACEHOLDER_HOSTS):
        what = "is not set" if not base_url else f"is {base_url!r}, the placeholder of `wagtail start`"
        messages.append(
            Warning(
                f"WAGTAILADMIN_BASE_URL {what}: the links in the mails to moderators would not "
                "point to this site's admin (but to http://example.com).",
                hint="Set WAGTAILADMIN_BASE_URL to the address the admin is reached at, e.g. "
                "WAGTAILADMIN_BASE_URL = 'https://radar.city.example'.",
                id=CHECK_ID.format("W003"),
            )
        )
    return messages


@register(Tags.compatibility, deploy=True)
def check_mail_backend(app_configs=None, **kwargs):
    """``check --deploy``: a mail backend that delivers nothing."""
    backend = getattr(settings, "EMAIL_BACKEND", "")
    if backend not in NO_DELIVERY_BACKENDS:
        return []
    return [
        Warning(
            f"EMAIL_BACKEND is Django's {NO_DELIVERY_BACKENDS[backend]} backend: no mail leaves the "
            "server, so anonymous comments can never be confirmed and moderators are never told "
            "about new comments.",
            hint="Use django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, EMAIL_PORT, "
            "EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS (or another delivering "
            "backend) in production.",
            id=CHECK_ID.format("W004"),
        )
    ]


# Privacy page ----------------------------------------------------------------------------------
def _privacy_urls():
    """``(language or None, url)`` for each URL of DIGIRADAR_PRIVACY_URL; None if it is no str/dict."""
    from ..conf import digiradar_settings

    value = digiradar_settings.PRIVACY_URL
    if isinstance(value, str):
        return [(None, value)]
    if isinstance(value, dict) and value:
        return list(value.items())
    return None


def _is_valid_url(url):
    if not isinstance(url, str) or not url or any(char.isspace() for char in url):
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


PRIVACY_HINT = (
    "Set DIGIRADAR_PRIVACY_URL to the path of the site's privacy page ('/datenschutz/'), an "
    "absolute https:// URL, or one per language: {'de': '/de/datenschutz/', 'en': '/en/privacy/'}."
)


@register(Tags.compatibility)
def check_privacy_url_format(app_configs=None, **kwargs):
    """``DIGIRADAR_PRIVACY_URL``: paths starting with / or absolute http(s) URLs."""
    urls = _privacy_urls()
    if urls is None:
        from ..conf import digiradar_settings

        return [
            Error(
                f"DIGIRADAR_PRIVACY_URL is {digiradar_settings.PRIVACY_URL!r}; it must be a URL or a "
                "non-empty dict of URLs per language.",
                hint=PRIVACY_HINT,
                id=CHECK_ID.format("E013"),
            )
        ]
    return [
        Error(
            f"DIGIRADAR_PRIVACY_URL{f'[{language!r}]' if language else ''} is {url!r}, which is neither "
            "a path starting with / nor an absolute http(s):// URL: the consent checkbox of the "
            "comment form would link nowhere.",
            hint=PRIVACY_HINT,
            id=CHECK_ID.format("E013"),
        )
        for language, url in urls
        if not _is_valid_url(url)
    ]


def _default_site():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def _privacy_setting_chosen(site):
    """The default site chose its privacy page in the site setting: DIGIRADAR_PRIVACY_URL is unused."""
    from django.apps import apps

    if not apps.is_installed("wagtail.contrib.settings"):
        return False
    from .models import CommentsPrivacySetting

    return CommentsPrivacySetting.objects.filter(site=site, privacy_page__live=True).exists()


def _path_exists(path, site, language):
    """Whether ``path`` is answered on ``site``: a URL pattern, or a live Wagtail page at that path."""
    from django.conf import settings as django_settings
    from django.urls import Resolver404, resolve
    from django.utils import translation
    from wagtail.models import Page

    path = path.split("#")[0].split("?")[0]
    language = language or translation.get_language_from_path(path) or django_settings.LANGUAGE_CODE
    with translation.override(language):
        candidates = [path] if path.endswith("/") else [path, path + "/"]  # as APPEND_SLASH does
        for candidate in candidates:
            try:
                match = resolve(candidate)
            except Resolver404:
                continue
            if match.url_name != "wagtail_serve":
                return True
            if site is None:
                return False
            root = site.root_page.localized
            page_path = match.args[0] if match.args else match.kwargs.get("path", "")
            return Page.objects.live().filter(url_path=root.url_path + page_path).exists()
    return False


@register(Tags.database)
def check_privacy_page_exists(app_configs=None, databases=None, **kwargs):
    """
    Each path of ``DIGIRADAR_PRIVACY_URL`` is answered on the default site (a URL pattern or a live
    page). Runs with ``check --database default``.
    """
    if not databases:
        return []
    from django.db import DatabaseError

    urls = _privacy_urls() or []
    try:
        site = _default_site()
        if site is not None and _privacy_setting_chosen(site):
            return []
        missing = [
            (language, url)
            for language, url in urls
            if _is_valid_url(url) and url.startswith("/") and not _path_exists(url, site, language)
        ]
    except DatabaseError:  # not migrated yet
        return []
    return [
        Warning(
            f"The consent checkbox of the comment form links to {url}, which does not exist on this "
            "site" + (f" (language {language!r})" if language else "") + ".",
            hint="Publish the privacy page at that path, set DIGIRADAR_PRIVACY_URL to the path of "
            "the existing privacy page"
            + (
                ", or choose the page under Settings > Privacy page for comments"
                if _settings_installed()
                else ""
            )
            + ".",
            id=CHECK_ID.format("W005"),
        )
        for language, url in missing
    ]


def _settings_installed():
    from django.apps import apps

    return apps.is_installed("wagtail.contrib.settings")
