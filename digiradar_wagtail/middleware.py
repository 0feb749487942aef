"""
A database that cannot be reached answers 503 with ``Retry-After``, not 500.

While PostgreSQL restarts or fails over, every view that touches it raises ``OperationalError`` or
``InterfaceError``. A 503 tells browsers, Varnish and monitoring that this is temporary, and a
citizen whose vote or comment got it can send it again. (The vote view answers a vote it stored
as stored even if the database goes away right after.) Add
``"digiradar_wagtail.middleware.DatabaseUnavailableMiddleware"`` to ``MIDDLEWARE``; use it with
``CONN_HEALTH_CHECKS = True`` so that connections broken by the restart are replaced afterwards.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answering 503: %s", exception, exc_info=exception)
        # In the visitor's language (set by LocaleMiddleware; catalogues are files, not the database).
        message = _("This page is unavailable right now. Please try again in half a minute.")
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"error": message}, status=503)
        else:
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
