"""
What a rating block shows to the person looking at it (form, own vote, results), and drawing it:
``render_rating_block`` is the renderer ``AppConfig.ready()`` registers for the block.
"""

import functools

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ..participation.blocks import RatingBlock, RatingScale, ShowResults
from ..participation.streamfield import find_block
from ..participation.window import window_is_open
from ..public.shared_cache import limit_shared_age, rendered_for_everyone
from . import scales
from .conf import ratings_settings
from .models import RatingTarget, Vote
from .services import get_target, voter_filter
from .visibility import has_closed, results_public
from .voters import cookie_voter_id, make_form_token

TEMPLATE = "digiradar_ratings/rating_block.html"
# The results, or when they will show: part of the block, and sent alone in the vote's reply.
RESULTS_TEMPLATE = "digiradar_ratings/results.html"
# The vote view's messages carry this tag; the block shows them (``{% rating_messages %}``), and only them.
MESSAGE_TAG = "digiradar-rating"


def find_rating_block(page):
    """The value of the first ``RatingBlock`` in any StreamField of ``page`` (a page has one rating)."""
    found = find_block(page, RatingBlock)
    return found[0] if found is not None else None


@functools.lru_cache(maxsize=64)
def _own_vote_html(language, scale, value):
    # One per language (the key: the one active now), scale and value: the same few on every vote.
    return format_html("{} <strong>{}</strong>", _("Your vote:"), scales.value_label(scale, value))


def _number(count):
    """A count as the template shows it (``localize``, which groups digits only where asked to)."""
    return localize(count) if settings.USE_THOUSAND_SEPARATOR else str(count)


_LOAD = object()  # RatingPresenter loads the target with its figures


class RatingPresenter:
    """A rating as one visitor sees it, for the block template and the vote view."""

    def __init__(self, value, page, request, target=_LOAD, own_vote=_LOAD):
        """
        ``target``: the page's target (or None) if the caller has it; counted on first use then.
        ``own_vote``: this visitor's vote (or None) if the caller has it.
        """
        self.value = value
        self.page = page
        self.request = request
        self.scale = value.get("scale") or RatingScale.STARS
        self.translation_key = getattr(page, "translation_key", None)
        self.target = get_target(self.translation_key) if target is _LOAD else target
        if own_vote is not _LOAD:
            self._own_vote = own_vote
        self.dom_id = f"digiradar-rating-{self.translation_key}"
        # Rendered for a shared cache: nothing of the visitor's (no token, no own vote, no
        # messages); the form asks the uncached vote page instead of posting.
        self.shared = rendered_for_everyone(request)

    # Who is looking ------------------------------------------------------------------
    @property
    def user(self):
        return getattr(self.request, "user", None)

    @property
    def may_vote_as_anyone(self):
        return bool(self.user and self.user.is_authenticated) or ratings_settings.RATINGS_ALLOW_ANONYMOUS

    @property
    def own_vote(self):
        if "_own_vote" not in self.__dict__:
            if self.shared:
                self._own_vote = None
                return None
            owner = voter_filter(self.user, cookie_voter_id(self.request) if self.request else None)
            self._own_vote = None
            if self.target is not None and owner is not None:
                self._own_vote = (
                    Vote.objects.filter(target=self.target, **owner).values_list("value", flat=True).first()
                )
        return self._own_vote

    def after_vote(self, value, counts=None):
        """
        This visitor's vote is now ``value`` (None: withdrawn). ``counts``: the figures as the vote
        counted them (``cast_and_count``); else they are counted again on use.
        """
        self._own_vote = value
        if self.target is None:  # the vote made it
            self.target = RatingTarget.objects.filter(translation_key=self.translation_key).first()
        if self.target is None:
            return
        if counts is None:
            self.target.forget_counts()
        else:
            self.target.set_counts(counts)

    @property
    def own_vote_label(self):
        return scales.value_label(self.scale, self.own_vote) if self.own_vote is not None else ""

    @property
    def own_vote_html(self):
        """The line "Your vote: <strong>3 stars</strong>", or "" (shown by the block and the vote's reply)."""
        if self.own_vote is None:
            return ""
        return _own_vote_html(get_language(), self.scale, self.own_vote)

    # State of the rating ---------------------------------------------------------------
    @property
    def closed_by_moderator(self):
        return self.target is not None and self.target.closed_by_moderator

    @property
    def is_open(self):
        value = self.value
        return not self.closed_by_moderator and window_is_open(
            value["mode"], value.get("opens_at"), value.get("closes_at")
        )

    @property
    def has_closed(self):
        return has_closed(self.value, self.closed_by_moderator)

    @property
    def scale_conflict(self):
        """The editor changed the scale after votes came in; a moderator must reset first."""
        return self.target is not None and self.target.scale != self.scale and self.target.vote_count > 0

    @property
    def can_vote(self):
        return self.is_open and self.may_vote_as_anyone and not self.scale_conflict and bool(self.action_url)

    @property
    def show_results(self):
        # The public rule (also behind the API and the exports), plus "after one's own vote".
        if self.value.get("show_results") == ShowResults.AFTER_VOTE and self.own_vote is not None:
            return True
        return results_public(self.value, self.closed_by_moderator)

    # What the template renders -----------------------------------------------------------
    @property
    def action_url(self):
        if getattr(self.page, "pk", None) is None:
            return ""  # an unsaved page in preview
        try:
            return reverse("digiradar_ratings:vote", kwargs={"page_id": self.page.pk})
        except NoReverseMatch:
            return ""

    @property
    def personal_url(self):
        return reverse("digiradar_personal_parts", kwargs={"page_id": self.page.pk}) if self.shared else ""

    @property
    def token(self):
        return "" if self.shared else make_form_token(self.translation_key)

    @property
    def choices(self):
        own = self.own_vote
        if own is None and self.request is not None:
            # The vote page, reached from a cached page's form, keeps the answer chosen there.
            own = scales.parse_value(self.scale, self.request.GET.get("value"))
        return [
            {"value": value, "label": label, "checked": value == own, "id": f"{self.dom_id}-{index}"}
            for index, (value, label) in enumerate(scales.choices(self.scale))
        ]

    @property
    def summary(self):
        """Count, average, distribution rows (zeros before the first vote) and the total line."""
        target = self.target if self.target is not None and self.target.scale == self.scale else None
        if target is None:
            target = RatingTarget(scale=self.scale)
        count, average = target.vote_count, target.average
        return {
            "count": count,
            "average": average,
            "total": self._total_line(count, average),
            "rows": target.distribution_rows(),
            "is_stars": self.scale == RatingScale.STARS,
            "max": max(scales.SCALE_VALUES[self.scale]),
        }

    def _total_line(self, count, average):
        """The total line: "2 votes · average 3.5 of 5 stars" (stars), "2 votes" (agree)."""
        total = ngettext("%(counter)s vote", "%(counter)s votes", count) % {"counter": _number(count)}
        if self.scale == RatingScale.STARS and average is not None:
            total += " · " + _("average %(average)s of %(max)s stars") % {
                "average": floatformat(average, 1),
                "max": localize(max(scales.SCALE_VALUES[self.scale])),
            }
        return total

    @property
    def results_figures(self):
        """
        The results as numbers, for the script to write into the table it shows (the vote's
        reply): the total line and each row's count and percent, in the table's order. None
        where the block shows no table (results not shown to this visitor, no votes).
        """
        target = self.target
        if not self.show_results or target is None or target.scale != self.scale:
            return None
        # The figures the table is drawn from (``summary``), without the rows' labels.
        count = target.vote_count
        if not count:
            return None
        return {
            "total": self._total_line(count, target.average),
            "rows": [
                {"count": _number(number), "percent": percent}
                for _value, number, percent in target.distribution_figures()
            ],
        }


def render_rating_block(block, value, parent_context):
    """The rating block as the visitor in ``parent_context`` sees it (nothing without page and request)."""
    page, request = parent_context.get("page"), parent_context.get("request")
    context = block.get_context(value, parent_context=parent_context)
    context["rating"] = None
    if page is not None and request is not None:
        rating = RatingPresenter(value, page, request)
        context["rating"] = rating
        if rating.shared and rating.show_results:
            limit_shared_age(request, ratings_settings.RATINGS_RESULTS_CACHE_SECONDS)
    # With the request, so that the context processors (the CSRF token) run where no page
    # template did, as on the vote page and in the per-visitor endpoint.
    return mark_safe(render_to_string(TEMPLATE, context, request=request))  # autoescaped template
