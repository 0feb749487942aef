"""
Public pages that a shared cache (Varnish, a CDN) can keep.

An anonymous visitor without a session gets the radar page, measure pages, ``export.json``,
``export.csv`` and ``feed.atom`` as the same bytes as everyone else: rendered without a CSRF
token, a form token, "your vote" or a message, and sent with ``Cache-Control: public, max-age=0,
s-maxage=DIGIRADAR_PUBLIC_CACHE_SECONDS``, no ``Set-Cookie`` and no ``Vary: Cookie``. What differs
per visitor comes from the uncached endpoint in ``public/personal.py``, which the page's script
fetches; without the script the forms lead to an uncached page of their own (one more page load).

Everybody else (logged in, with a session, a preview) gets the page rendered for them, marked
``Cache-Control: private, no-cache``, so that no shared cache stores it.

:class:`SharedCacheMiddleware` must come first in ``MIDDLEWARE``: it sees the response after the
session middleware has added ``Vary: Cookie`` (a template that asks whether someone is logged
in, such as Wagtail's user bar, reads the session) and takes it back where the page was rendered
for everyone. Without the middleware nothing is rendered for a shared cache.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, cc_delim_re, patch_cache_control

from ..conf import digiradar_settings

MIDDLEWARE = "digiradar_wagtail.public.shared_cache.SharedCacheMiddleware"
# On a request: this render is the one everybody gets; and its s-maxage, which parts of the
# page may shorten while it renders. On a response: it was rendered for everyone.
REQUEST_FLAG = "digiradar_shared"
REQUEST_SECONDS = "digiradar_shared_seconds"
RESPONSE_FLAG = "digiradar_shared"


def enabled():
    return bool(digiradar_settings.PUBLIC_CACHE_SECONDS) and MIDDLEWARE in settings.MIDDLEWARE


def is_shared_render(request):
    """Whether ``request`` gets the page everybody gets (and the page must be rendered so)."""
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def rendered_for_everyone(request):
    """For templates and block renderers: leave out everything that belongs to one visitor."""
    return getattr(request, REQUEST_FLAG, False)


def limit_shared_age(request, seconds):
    """A part of the page that ages faster (e.g. public vote results) shortens the page's s-maxage."""
    setattr(request, REQUEST_SECONDS, min(shared_age(request), seconds))


def shared_age(request):
    return getattr(request, REQUEST_SECONDS, digiradar_settings.PUBLIC_CACHE_SECONDS)


def serve_for_cache(request, view):
    """
    Run ``view()`` (a page's or an export's view) for ``request``: rendered for everyone and
    marked shared where :func:`is_shared_render` allows, else rendered for the visitor and
    marked private.
    """
    shared = is_shared_render(request)
    setattr(request, REQUEST_FLAG, shared)
    response = view()
    if shared:
        setattr(response, RESPONSE_FLAG, True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class SharedCachePageMixin:
    """For page models whose public view a shared cache may keep (radar and measure pages)."""

    def serve(self, request, *args, **kwargs):
        serve = super().serve
        return serve_for_cache(request, lambda: serve(request, *args, **kwargs))


class SharedCacheMiddleware:
    """
    Turns a response marked by :func:`serve_for_cache` into one a shared cache keeps: public,
    with its s-maxage, without ``Vary: Cookie``. It refuses (private, no-cache) when the response
    is no 200 or something on the way set a cookie after all (a CSRF token, a message): then it
    was not the same for everyone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, RESPONSE_FLAG, False):
            return response
        # Read now: a TemplateResponse has rendered by the time it passes here.
        seconds = shared_age(request)
        if response.status_code != 200 or response.cookies:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response
        vary = [field for field in cc_delim_re.split(response.get("Vary", "")) if field]
        kept = [field for field in vary if field.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif "Vary" in response:
            del response["Vary"]
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        return response
