"""
A refused form, kept: a ``CSRF_FAILURE_VIEW`` for the citizens' forms (``settings.py``:
``CSRF_FAILURE_VIEW = "digiradar_wagtail.public.csrf.csrf_failure"``).

Django refuses a POST whose CSRF token does not match the browser's CSRF cookie. On a first visit
two answers can each set a new cookie (a cached page's ``personal.js`` request and a form page
opened meanwhile), and the one that arrives last wins; a form left open while the cookie was
renewed fails the same way. Django then answers with a bare 403, and what the citizen typed is
gone. For the package's public forms (comments, ideas, follow, ratings), when the browser says
that the POST came from this site (its ``Origin`` header), this view answers 403 with a page that
says what happened and offers the same form again: the fields as sent, hidden, a fresh token and
one button. Nothing is stored before the citizen presses it. Everything else (a POST from another
site or without ``Origin``, the admin's forms, any other form) gets Django's own answer.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure

from ..conf import digiradar_settings

# The URL namespaces of the public forms whose fields may be offered again.
PUBLIC_FORM_NAMESPACES = frozenset(
    {"digiradar_comments", "digiradar_ideas", "digiradar_follow", "digiradar_ratings"}
)
TEMPLATE = "digiradar_wagtail/participation/send_again.html"


def csrf_failure(request, reason=""):
    if request.method != "POST" or not _from_this_site(request) or not _public_form(request):
        return django_csrf_failure(request, reason)
    message = _(
        "Your browser's security cookie changed while the form was open, so it was not sent. "
        "Nothing you entered is lost: send it again."
    )
    if "application/json" in request.META.get("HTTP_ACCEPT", ""):  # the enhancing scripts
        return JsonResponse({"error": message}, status=403)
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    context = {
        "title": _("Please send the form again"),
        "text": message,
        "fields": fields,
        "action": request.get_full_path(),
        "back_url": _referer_on_this_site(request),
        "base_template": digiradar_settings.BASE_TEMPLATE,
    }
    return render(request, TEMPLATE, context, status=403)


def _origin(request):
    return f"{request.scheme}://{request.get_host()}"


def _from_this_site(request):
    """The browser names this site as where the POST came from (its ``Origin`` header)."""
    return request.META.get("HTTP_ORIGIN") == _origin(request)


def _referer_on_this_site(request):
    """The page the form was on, for a link back; "" unless it is on this site."""
    referer = request.META.get("HTTP_REFERER", "")
    return referer if referer.startswith(_origin(request) + "/") else ""


def _public_form(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(set(match.namespaces) & PUBLIC_FORM_NAMESPACES)
