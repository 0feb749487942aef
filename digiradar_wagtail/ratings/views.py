"""
The public vote endpoint. GET: the rating alone on an uncached page, for a visitor who comes
from a page that a shared cache keeps (its form carries no token) or from a vote just sent.
POST: cast, change or withdraw, then a redirect to that page (or JSON for the enhancing script).
"""

import logging
import time

from django.contrib import messages
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from ..conf import digiradar_settings
from . import scales
from .ballot import known_page, load_ballot
from .conf import ratings_settings
from .presenter import MESSAGE_TAG, RESULTS_TEMPLATE, RatingPresenter, find_rating_block
from .services import (
    FormAlreadyUsed,
    RatingClosed,
    RatingError,
    ScaleChanged,
    cast_and_count,
    cast_on_known_page,
    purge_old_nonces,
)
from .voters import (
    cookie_voter_id,
    new_voter_cookie,
    read_form_token,
    set_voter_cookie,
    voter_id_of,
    within_new_vote_limit,
    within_rate_limit,
)

logger = logging.getLogger(__name__)


def _error_messages():
    return {
        RatingClosed: _("This rating is closed."),
        FormAlreadyUsed: _("This form has already been sent. Reload the page to rate again."),
        ScaleChanged: _("This rating is being revised. Please try again later."),
        RatingError: _("Your vote could not be saved."),
    }


def _wants_json(request):
    return "application/json" in request.META.get("HTTP_ACCEPT", "")


def _refuse(request, status, message, page_id=None, retry_after=None):
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=status)
    else:
        # For the link back; only a page everybody may see.
        page = Page.objects.live().public().filter(pk=page_id).first() if page_id is not None else None
        response = render(
            request,
            "digiradar_ratings/error.html",
            {"message": message, "page": page, "base_template": digiradar_settings.BASE_TEMPLATE},
            status=status,
        )
    if status == 429:
        response["Retry-After"] = str(retry_after or ratings_settings.RATINGS_RATE_WINDOW)
    return response


def _read_value(request, scale):
    """``(ok, value)``: value None means withdraw."""
    action = request.POST.get("action", "vote")
    if action == "withdraw":
        return True, None
    if action != "vote":
        return False, None
    value = scales.parse_value(scale, request.POST.get("value"))
    return value is not None, value


_purge_asked_at = [0.0]  # when this process last asked the cache whether to purge


def _purge_now_and_then():
    # Once an hour is enough: expired tokens are refused by their signature anyway. Housekeeping
    # after a stored vote: neither an unreachable cache nor database may turn the vote into an error.
    # Each process asks the shared cache at most once a minute, not on every vote.
    now = time.monotonic()
    if now - _purge_asked_at[0] < 60:
        return
    _purge_asked_at[0] = now
    try:
        if caches[digiradar_settings.CACHE_ALIAS].add("digiradar_ratings:purged", 1, timeout=3600):
            purge_old_nonces(ratings_settings.RATINGS_FORM_MAX_AGE)
    except Exception:  # each cache backend raises its own errors
        logger.warning("Old rating form tokens not purged", exc_info=True)


def _vote_page(request, page, block_value):
    context = {
        "page": page,
        "request": request,
        "rating_html": block_value.block.render(block_value, {"page": page, "request": request}),
        "base_template": digiradar_settings.BASE_TEMPLATE,
    }
    return render(request, "digiradar_ratings/vote_page.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request, page_id):
    """Cast, change or withdraw the visitor's vote on the rating of page ``page_id``."""
    if request.method == "GET":
        page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
        block_value = find_rating_block(page)
        if block_value is None:
            return _refuse(request, 404, _("This page has no rating."), page_id)
        return _vote_page(request, page, block_value)
    return _cast(request, page_id)


class _Limits:
    """This request's two rate limits, each counted at most once whichever path asks."""

    def __init__(self, request):
        self.request = request
        self.rate = None
        self.new_vote = None

    def within_rate_limit(self):
        if self.rate is None:
            self.rate = within_rate_limit(self.request)
        return self.rate

    def within_new_vote_limit(self, key):
        if self.new_vote is None:
            self.new_vote = within_new_vote_limit(self.request, key)
        return self.new_vote


def _check_form(request, state, key, limits):
    """
    The checks of a vote that need no database, in the order their answers take precedence:
    ``((nonce, value), None)``, or ``(None, (status, message))`` for the first that fails. Both
    paths ask them; the one-statement path leaves a refusal for the general one to answer.
    """
    if not state.may_vote_as_anyone:
        return None, (403, _("Please log in to rate."))
    if not limits.within_rate_limit():
        return None, (429, _("Too many votes from your connection. Please try again later."))
    nonce = read_form_token(request.POST.get("token"), key)
    if nonce is None:
        return None, (400, _("This form has expired. Reload the page and try again."))
    ok, value = _read_value(request, state.scale)
    if not ok:
        return None, (400, _("Choose one of the answers."))
    if not state.is_open:  # the window; the moderators' close is the statement's or the ballot's
        return None, (403, _("This rating is closed."))
    return (nonce, value), None


def _cast(request, page_id):
    user = request.user if request.user.is_authenticated else None
    voter_id = None if user else cookie_voter_id(request)
    limits = _Limits(request)
    if connection.vendor == "postgresql":
        response = _cast_at_once(request, page_id, user, voter_id, limits)
        if response is not None:
            return response
    return _cast_after_ballot(request, page_id, user, voter_id, limits)


def _cast_at_once(request, page_id, user, voter_id, limits):
    """
    The common vote in one statement (PostgreSQL): on a page whose block this process read
    lately (``ballot.known_page``), the checks that need no database first, then the vote as a
    statement that also checks the page (live, public, at that revision) and the target and
    reads the person's vote. None where anything is not as usual (a check fails, the statement
    took nothing): then ``_cast_after_ballot`` decides, with its answers. A voter with a cookie
    but no vote here is a new vote: the statement takes it only on a second try, after the
    new-vote limit is asked.
    """
    known = known_page(page_id)
    if known is None:
        return None
    key = known.page.translation_key
    state = RatingPresenter(known.value, known.page, request, target=None, own_vote=None)
    form, refusal = _check_form(request, state, key, limits)
    if refusal is not None:
        return None
    nonce, value = form
    raw_cookie, owner_id = None, voter_id
    if user is None and voter_id is None:
        if value is None or not limits.within_new_vote_limit(key):
            return None
        raw_cookie = new_voter_cookie()
        owner_id = voter_id_of(raw_cookie)
    may_add = user is not None or raw_cookie is not None or value is None
    try:
        outcome = cast_on_known_page(
            known, state.scale, value, user=user, voter_id=owner_id, nonce=nonce, may_add=may_add
        )
        target = outcome.target
        no_vote_yet = (
            not outcome.taken
            and outcome.page_ok
            and target is not None
            and not target.closed_by_moderator
            and target.scale == state.scale
        )
        if no_vote_yet and not may_add:
            if not limits.within_new_vote_limit(key):
                return None
            outcome = cast_on_known_page(
                known, state.scale, value, user=user, voter_id=owner_id, nonce=nonce, may_add=True
            )
    except RatingError as error:
        message = _error_messages().get(type(error), _error_messages()[RatingError])
        return _refuse(request, error.status, message, page_id)
    if not outcome.taken:
        return None
    state.target = outcome.target
    return _answer(request, state, value, outcome.previous, outcome.counts, raw_cookie)


def _cast_after_ballot(request, page_id, user, voter_id, limits):
    # One query for the page, its target and this visitor's vote; the block from the revision's cache.
    ballot = load_ballot(page_id, user=user, voter_id=voter_id)
    if ballot is None:
        raise Http404
    if ballot.value is None:
        return _refuse(request, 404, _("This page has no rating."), page_id)
    key = ballot.page.translation_key
    state = RatingPresenter(
        ballot.value, ballot.page, request, target=ballot.target, own_vote=ballot.own_vote
    )
    form, refusal = _check_form(request, state, key, limits)
    if refusal is not None:
        status, message = refusal
        return _refuse(request, status, message, page_id)
    nonce, value = form
    if state.scale_conflict:
        return _refuse(request, 409, _error_messages()[ScaleChanged], page_id)

    new_anonymous_vote = user is None and value is not None and state.own_vote is None
    if new_anonymous_vote and not limits.within_new_vote_limit(key):
        # A new anonymous vote (no cookie with a vote here): few per address and rating, so that
        # dropping the cookie does not give anyone another vote.
        return _refuse(
            request,
            429,
            _(
                "A vote on this rating has already been cast from your connection. To change your "
                "vote, use the browser you voted with, or try again later."
            ),
            page_id,
            retry_after=ratings_settings.RATINGS_COOKIELESS_REVOTE_WINDOW,
        )
    raw_cookie = None
    if user is None and voter_id is None and value is not None:
        # The cookie is only ever set here, when someone actually votes.
        raw_cookie = new_voter_cookie()
        voter_id = voter_id_of(raw_cookie)
    counts = None
    if user is None and voter_id is None:
        previous = None  # withdrawing without ever having voted: nothing to do
    else:
        try:
            previous, counts = cast_and_count(
                key, state.scale, value, user=user, voter_id=voter_id, nonce=nonce
            )
        except RatingError as error:
            message = _error_messages().get(type(error), _error_messages()[RatingError])
            return _refuse(request, error.status, message, page_id)
    return _answer(request, state, value, previous, counts, raw_cookie)


def _answer(request, state, value, previous, counts, raw_cookie):
    """The answer to a vote taken: JSON for the script, else a redirect to the vote page."""
    _purge_now_and_then()
    if value is not None:
        message = (
            _("Thank you! Your vote has been saved.")
            if previous is None
            else _("Your vote has been changed.")
        )
    else:
        message = _("Your vote has been withdrawn.") if previous is not None else _("You had not rated yet.")
    if _wants_json(request):
        response = JsonResponse(_reply(request, state, value, counts, message))
    else:
        # To the vote page (not the measure page, which a shared cache may keep): it shows the
        # message, the vote and the results to this visitor.
        messages.success(request, message, extra_tags=MESSAGE_TAG, fail_silently=True)
        response = HttpResponseRedirect(f"{request.path}#{state.dom_id}", status=303)
    if raw_cookie:
        set_voter_cookie(response, request, raw_cookie)
    return response


# The script sends this header while its block shows the results table: then the reply may carry
# the figures as numbers for it to write into the table, instead of the results drawn again.
FIGURES_HEADER = "HTTP_X_DIGIRADAR_RESULTS"  # X-Digiradar-Results


def _reply(request, state, value, counts, message):
    """
    What the enhancing script needs to update the block in place (ratings.js): the message, a
    fresh form token, the visitor's vote and the results: as numbers where the script's block
    shows the table and still will (``results``), else drawn as HTML (``results_html``: the
    table appears or goes, or the note on when results show).
    """
    payload = {"message": message, "token": state.token, "vote": value}
    try:
        state.after_vote(value, counts)
        payload["vote_html"] = state.own_vote_html
        figures = state.results_figures if request.META.get(FIGURES_HEADER) == "figures" else None
        if figures is not None:
            payload["results"] = figures
        else:
            context = {"rating": state, "value": state.value}
            payload["results_html"] = render_to_string(RESULTS_TEMPLATE, context)
    except DatabaseError:
        # The vote is stored; the database went away just after. Say that it counted (and set
        # the voter's cookie) rather than a 503 that would invite a second vote.
        logger.warning("Vote stored, but the figures could not be counted", exc_info=True)
    return payload
