"""
Every change of an idea goes through here: moderation states, reports, supports, the city's
answer and turning an idea into a draft measure. Each change a person makes is written to
Wagtail's audit log with who did it and why.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail.log_actions import log

from ..participation import citizen_reports, log_actions
from ..signals import subject_changed
from .conf import ideas_settings
from .models import HIDDEN, PENDING, PUBLISHED, REMOVED, Answer, Idea, IdeaReport, IdeaSupport

# The audit log's actions (their names are stored with each entry: never rename one).
APPROVE, HIDE, REMOVE, TO_PENDING, REPORT = log_actions.step_names(Idea)
ANSWER = "digiradar_ideas.answer"
CONVERT = "digiradar_ideas.convert"

LOG_ACTIONS = {
    **log_actions.step_actions(Idea),
    ANSWER: (gettext_lazy("Answer idea"), gettext_lazy("City's answer given")),
    CONVERT: (gettext_lazy("Turn idea into a measure"), gettext_lazy("Draft measure created from the idea")),
}
# Log actions after which the public pages show something else.
VISIBLE_ACTIONS = {APPROVE, HIDE, REMOVE, TO_PENDING, ANSWER, CONVERT}
_ACTION_FOR_STATE = {PUBLISHED: APPROVE, HIDDEN: HIDE, REMOVED: REMOVE, PENDING: TO_PENDING}


def log_action(idea, action, user=None, **data):
    log(idea, action, user=user, title=_("Idea #%(id)s") % {"id": idea.pk}, data=data)


def set_state(idea, state, user=None, reason="", action=None):
    """Move ``idea`` to ``state`` and log it (:func:`set_states` of one idea)."""
    return set_states([idea], state, user, reason, action)[0]


def set_states(ideas, state, user=None, reason="", action=None):
    """
    Move ``ideas`` to ``state``, resolve their open reports once a moderator decided, and log each
    (``action``, by default the state's): a constant number of queries, however many.
    """
    ideas = list(ideas)
    if not ideas:
        return ideas
    ids = [idea.pk for idea in ideas]
    entries = []
    with transaction.atomic():
        Idea.objects.filter(pk__in=ids).update(state=state, moderation_reason=reason)
        if state in (PUBLISHED, HIDDEN, REMOVED):
            IdeaReport.objects.filter(idea__in=ids, resolved=False).update(resolved=True)
        for idea in ideas:
            data = {"reason": reason, "previous": idea.state}
            entries.append((idea, _("Idea #%(id)s") % {"id": idea.pk}, data))
            idea.state, idea.moderation_reason = state, reason
        log_actions.log_many(entries, action or _ACTION_FOR_STATE[state], user=user)
    return ideas


def approve(idea, user, reason=""):
    return set_state(idea, PUBLISHED, user, reason)


def hide(idea, user, reason):
    return set_state(idea, HIDDEN, user, reason)


def approve_many(ideas, user):
    return set_states(ideas, PUBLISHED, user)


def hide_many(ideas, user):
    return set_states(ideas, HIDDEN, user)


def remove(idea, user, reason=""):
    return set_state(idea, REMOVED, user, reason)


def return_to_pending(idea, user, reason=""):
    return set_state(idea, PENDING, user, reason)


def report(idea, reporter_key, reason, note="", user=None):
    """One report per person; False if this person already reported the idea."""
    thresholds = (ideas_settings.IDEAS_REPORTS_TO_PENDING, ideas_settings.IDEAS_ANONYMOUS_REPORTS_TO_PENDING)
    return citizen_reports.record(idea, reporter_key, reason, note, user, thresholds, log_action, set_state)


def support(idea, user=None, voter_id=None):
    """
    Record one person's support: True if it is new, False if they had supported the idea before.
    The unique constraints decide, so two requests at once still count once.
    """
    owner = {"user": user} if user is not None else {"voter_id": voter_id}
    try:
        with transaction.atomic():
            IdeaSupport.objects.create(idea=idea, **owner)
    except IntegrityError:
        return False
    return True


def answer(idea, user, state, text, measure=None):
    """
    The city's answer to an idea: logged, and once it commits the idea's followers hear of it
    (``signals.subject_changed``, kind ``"answer"``) if the idea is published.
    """
    with transaction.atomic():
        idea.answer, idea.answer_text, idea.answered_at = state, text, timezone.now()
        if measure is not None or state != Answer.TAKEN_UP:
            idea.measure = measure
        idea.save(update_fields=["answer", "answer_text", "answered_at", "measure"])
        log_action(idea, ANSWER, user=user, answer=state, text=text, measure=idea.measure_id)
        if idea.is_published:
            transaction.on_commit(lambda: announce_answer(idea))
    return idea


def announce_answer(idea):
    """Send ``subject_changed`` for the idea's answer, in the idea's language (else the site's)."""
    with override(idea.language or settings.LANGUAGE_CODE):
        summary = f"{Answer(idea.answer).label}: {idea.answer_text}".strip().rstrip(":")
    url = idea.get_full_url() or ""
    subject_changed.send(sender=Idea, subject=idea, kind="answer", summary=summary, url=url)


def convert_to_measure(idea, user):
    """
    Create an unpublished measure from ``idea`` under the radar it was proposed on, in its sector
    and the radar's first ring (the earliest phase, "Idea" on a default radar), titled and
    described as the idea; answer the idea "taken up" with a link to it. Returns the measure.
    """
    from ..models import MeasurePage, RadarIndexPage

    radar = RadarIndexPage.objects.filter(pk=idea.radar_id).first() or (
        RadarIndexPage.objects.filter(translation_key=idea.radar_key).first()
    )
    if radar is None:
        raise ValueError(_("The radar of this idea no longer exists."))
    sector = radar.sectors.filter(slug=idea.sector_slug).first() or radar.sectors.first()
    ring = radar.rings.order_by("sort_order").first()
    with transaction.atomic():
        measure = MeasurePage(
            title=idea.title,
            teaser=Truncator(" ".join(idea.description.split())).chars(300),
            body=[("paragraph", _paragraphs(idea.description))],
            sector=sector,
            ring=ring,
            locale=radar.locale,
            live=False,
        )
        radar.add_child(instance=measure)
        measure.save_revision(user=user, log_action=True)
        with override(idea.language or None):
            text = idea.answer_text or _("The city takes up this idea as a measure.")
        answer(idea, user, Answer.TAKEN_UP, text, measure=measure)
        log_action(idea, CONVERT, user=user, measure=measure.pk)
    return measure


def _paragraphs(text):
    from django.utils.html import escape
    from wagtail.rich_text import RichText

    return RichText("".join(f"<p>{escape(part)}</p>" for part in text.split("\n") if part.strip()))
