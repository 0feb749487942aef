"""
The uncached public endpoints of the ideas app under ``digiradar/ideas/``: propose an idea,
confirm it by mail, support it, report it; and the open-data files of a radar's ideas at
``<radar URL>ideas.json`` and ``ideas.csv`` (the same for everyone, kept by a shared cache). Every
refusal is a clear 4xx page or a form error; nothing is written unless the whole request is valid.
"""

import datetime
import functools

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from ..conf import digiradar_settings
from ..participation import moderation as shared
from ..participation import signed_links, voters
from ..participation.ratelimit import client_hash, within_limit
from . import moderation, notifications, opendata
from .conf import ideas_settings
from .forms import IdeaForm, ReportForm
from .models import CONFIRM_DAYS, PENDING, Idea, IdeasPage
from .public import is_row_id, radar_sectors

CONFIRM_SALT = "digiradar_ideas.confirm"
SUPPORTER_PURPOSE = "digiradar_ideas.supporter"


def _context(**context):
    return {"base_template": digiradar_settings.BASE_TEMPLATE, **context}


def message(request, status, title, text, back_url=""):
    """A short page that says why a request was refused (status 4xx) or what happened."""
    context = _context(title=title, text=text, back_url=back_url)
    return TemplateResponse(request, "digiradar_ideas/message.html", context, status=status)


def _ideas_page(page_id):
    if not is_row_id(page_id):
        return None
    page = IdeasPage.objects.live().public().filter(pk=page_id).first()
    return page.specific if page else None


def _limited(request, kind, limit):
    return shared.hit_rate_limit(request, f"ideas.{kind}", limit, ideas_settings.IDEAS_RATE_WINDOW)


def published_idea_view(view):
    """
    A public endpoint of one published idea (GET or POST, never cached), called as
    ``view(request, idea, page, idea_url)`` with the idea's ideas page and URL there; any other id
    is answered 404.
    """

    @require_http_methods(["GET", "POST"])
    @never_cache
    @functools.wraps(view)
    def endpoint(request, pk):
        idea = Idea.objects.published().filter(pk=pk).first() if is_row_id(pk) else None
        page = idea.ideas_page() if idea else None
        if page is None:
            return message(
                request, 404, _("Idea not found"), _("This idea does not exist or is not published.")
            )
        return view(request, idea, page, page.idea_url(idea, request))

    return endpoint


def confirmation_url(request, idea):
    key = signed_links.make(idea.pk, idea.nonce, CONFIRM_SALT)
    return request.build_absolute_uri(reverse("digiradar_ideas:confirm", args=[key]))


@require_http_methods(["GET", "POST"])
@never_cache
def propose(request, page_id):
    """The form to propose an idea for the radar of ideas page ``page_id``, and its POST."""
    page = _ideas_page(page_id)
    if page is None:
        return message(request, 404, _("No ideas here"), _("This page does not take ideas."))
    anonymous_allowed = ideas_settings.IDEAS_ALLOW_ANONYMOUS
    if not anonymous_allowed and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    sectors = radar_sectors(page)
    form = IdeaForm(sectors, request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if form.is_valid() and _is_duplicate(page, form.idea_fields()):
            form.add_error("title", _("You have already sent this idea."))
        if not form.is_valid():
            status = 400
        elif _limited(request, "post", ideas_settings.IDEAS_RATE_LIMIT):
            text = _("You have sent many ideas in a short time. Please wait a few minutes.")
            return message(request, 429, _("Idea not sent"), text, page.get_url(request))
        else:
            return _store_idea(request, page, form)
    else:
        status = 200
    context = _context(page=page, form=form, back_url=page.get_url(request))
    return TemplateResponse(request, "digiradar_ideas/propose.html", context, status=status)


def _is_duplicate(page, fields):
    """The same idea (title and description, as people retype them) from the same user or mail
    address on this radar within a day."""
    owner = {"user": fields["user"]} if fields["user"] else {"author_email__iexact": fields["author_email"]}
    if not fields["user"] and not fields["author_email"]:
        return False  # anonymous without an address: the rate limit and the moderators decide
    recent = Idea.objects.filter(
        radar_key=page.radar_key, created_at__gte=timezone.now() - datetime.timedelta(days=1), **owner
    ).values_list("title", "description")[:50]
    wanted = (shared.normalise(fields["title"]), shared.normalise(fields["description"]))
    return any((shared.normalise(title), shared.normalise(text)) == wanted for title, text in recent)


def _store_idea(request, page, form):
    fields = form.idea_fields()
    sector = next(s for s in radar_sectors(page) if s.slug == fields["sector_slug"])
    text = f"{fields['title']}\n{fields['description']}"
    held_for = shared.hold_reasons(text, ideas_settings.IDEAS_BLOCKLIST)
    needs_mail = fields["user"] is None and bool(fields["author_email"])
    with transaction.atomic():
        idea = Idea.objects.create(
            radar_key=page.radar_key,
            radar_id=page.radar.pk,
            sector=sector,
            state=PENDING,
            awaiting_confirmation=needs_mail,
            held_for=",".join(held_for),
            **fields,
        )
    if needs_mail and not notifications.send_confirmation_request(
        idea, confirmation_url(request, idea), page.title
    ):
        # Without the mail the idea could never be confirmed: nothing is kept, the citizen tries later.
        idea.delete()
        text = _("The confirmation mail could not be sent. Please try again in a few minutes.")
        response = message(request, 503, _("Idea not sent"), text, page.get_url(request))
        response["Retry-After"] = "300"
        return response
    if needs_mail:
        title, text = (
            _("Please confirm your idea"),
            _("We have sent you a mail with a link. Your idea is sent to the moderators once you open it."),
        )
    else:
        title, text = _("Thank you for your idea"), _("Your idea appears once a moderator has approved it.")
    return message(request, 200, title, text, page.get_url(request))


@require_GET
@never_cache
def confirm(request, key):
    invalid = (_("Link not valid"), _("This confirmation link is not valid."))
    used = (_("Link no longer valid"), _("This confirmation link has already been used or has expired."))
    try:
        found = signed_links.read(key, CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))
    except signed_links.Expired:
        return message(request, 410, *used)
    if found is None:
        return message(request, 400, *invalid)
    pk, nonce = found
    idea = Idea.objects.filter(pk=pk, awaiting_confirmation=True).first()
    if idea is None:
        return message(request, 410, *used)
    if not constant_time_compare(idea.nonce, nonce):
        return message(request, 400, *invalid)
    # Whoever changes the row confirms it: a link opened twice at once confirms once.
    confirmed = Idea.objects.filter(pk=pk, nonce=nonce, awaiting_confirmation=True).update(
        awaiting_confirmation=False, nonce=signed_links.new_nonce()
    )
    if not confirmed:
        return message(request, 410, *used)
    page = idea.ideas_page()
    return message(
        request,
        200,
        _("Your idea is confirmed"),
        _("Your idea appears once a moderator has approved it."),
        page.get_url(request) if page else "",
    )


def _supporter(request):
    """``(user, voter_id, raw cookie to set)`` of the visitor; the cookie only when it is new."""
    if request.user.is_authenticated:
        return request.user, None, None
    name = ideas_settings.IDEAS_COOKIE_NAME
    voter_id = voters.cookie_voter_id(request, name, SUPPORTER_PURPOSE)
    if voter_id is not None:
        return None, voter_id, None
    raw = voters.new_voter_cookie()
    return None, voters.voter_id_of(raw, SUPPORTER_PURPOSE), raw


def _new_supports_exhausted(request, idea):
    """
    Count a support without a supporter cookie (none, dropped or made up) for this address (a
    keyed hash) and idea; True once there were more than ``IDEAS_COOKIELESS_SUPPORT_LIMIT``
    within the window, so that clearing the cookie does not buy another support.
    """
    key = (
        f"digiradar:ideas:newsupport:{client_hash(request, 'ideas.newsupport', address_only=True)}:{idea.pk}"
    )
    window = ideas_settings.IDEAS_RATE_WINDOW
    return not within_limit(key, window, ideas_settings.IDEAS_COOKIELESS_SUPPORT_LIMIT)


@published_idea_view
def support(request, idea, page, idea_url):
    """GET: the idea's support button (with its CSRF token); POST: support it, once per person."""
    if request.method == "GET":
        context = _context(idea=idea, page=page, idea_url=idea_url)
        return TemplateResponse(request, "digiradar_ideas/support.html", context)
    if _limited(request, "support", ideas_settings.IDEAS_SUPPORT_RATE_LIMIT):
        text = _("Too many supports from your connection. Please try again later.")
        return message(request, 429, _("Support not counted"), text, idea_url)
    user, voter_id, raw_cookie = _supporter(request)
    if raw_cookie and _new_supports_exhausted(request, idea):
        text = _(
            "This idea has already been supported from your connection. To support it, use the "
            "browser you supported it with, or try again later."
        )
        response = message(request, 429, _("Support not counted"), text, idea_url)
        response["Retry-After"] = str(ideas_settings.IDEAS_RATE_WINDOW)
        return response
    created = moderation.support(idea, user=user, voter_id=voter_id)
    if created:
        response = message(request, 200, _("Thank you"), _("Your support has been counted."), idea_url)
    else:
        response = message(
            request, 200, _("Already supported"), _("You have already supported this idea."), idea_url
        )
    if raw_cookie and created:
        voters.set_voter_cookie(
            response,
            request,
            ideas_settings.IDEAS_COOKIE_NAME,
            raw_cookie,
            ideas_settings.IDEAS_COOKIE_MAX_AGE,
        )
    return response


@published_idea_view
def report(request, idea, page, idea_url):
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _limited(request, "report", ideas_settings.IDEAS_REPORT_RATE_LIMIT):
            text = _("You have sent many reports in a short time. Please wait a few minutes.")
            return message(request, 429, _("Report not sent"), text, idea_url)
        user = request.user if request.user.is_authenticated else None
        key = client_hash(request, "ideas.reporter")
        data = form.cleaned_data
        if moderation.report(idea, key, data["reason"], data["note"], user=user):
            return message(
                request, 200, _("Thank you"), _("The moderators will look at this idea."), idea_url
            )
        form.add_error(None, _("You have already reported this idea."))
    status = 400 if request.method == "POST" else 200
    context = _context(idea=idea, form=form, back_url=idea_url)
    return TemplateResponse(request, "digiradar_ideas/report.html", context, status=status)


def _radar_ideas_page(radar):
    page = IdeasPage.objects.live().public().child_of(radar).first()
    if page is None:
        raise Http404
    return page.specific


def ideas_json(request, radar):
    """``<radar URL>ideas.json``: the radar's published ideas (the radar app serves it for a
    live public radar, marked for a shared cache like its own ``export.json``)."""
    page = _radar_ideas_page(radar)
    document = opendata.json_document(page, opendata.records(page, request), request)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


def ideas_csv(request, radar):
    """``<radar URL>ideas.csv``: the same as CSV, every cell defused."""
    page = _radar_ideas_page(radar)
    response = HttpResponse(
        opendata.csv_text_of(opendata.records(page, request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="ideas.csv"'
    return response
