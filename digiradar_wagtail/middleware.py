"""
A database that cannot be reached answers 503 with ``Retry-After``, not 500.

While PostgreSQL restarts or fails over, every view that touches it raises ``OperationalError`` or
``InterfaceError``. A 503 tells browsers, Varnish and monitoring that this is temporary, and a
citizen whose vote or comment got it can send it again. It does not say that nothing was saved:
a view may fail after its transaction committed (the vote view re-renders the rating from the
database after storing the vote). Add
``"digiradar_wagtail.middleware.DatabaseUnavailableMiddleware"`` to ``MIDDLEWARE``; use it with
``CONN_HEALTH_CHECKS = True`` so that connections broken by the restart are replaced afterwards.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Both languages at once: the message must not depend on anything that could fail with the database.
MESSAGE = (
    "Die Seite ist gerade nicht erreichbar. Bitte versuchen Sie es in einer halben Minute noch einmal. / "
    "This page is unavailable right now. Please try again in half a minute."
)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answering 503: %s", exception, exc_info=exception)
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"error": MESSAGE}, status=503)
        else:
            response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
