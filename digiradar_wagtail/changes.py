"""
What a measure's followers are told when it is published: ``subject_changed`` (see
``signals.py``) for a new ring, progress or delivery status (with its reason), and for a measure
published for the first time (kind ``"new"``: a follow app tells its radar's and sector's
followers). Each page speaks for its own language, so a translation tells its own followers when
it is published with the change. Sent on commit; nothing listens unless a follow app is installed.
"""

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .signals import subject_changed

WATCHED = ("ring_id", "progress_percent", "delivery_status", "status_reason", "first_published_at")


def state_before(page):
    """What the database holds for ``page`` before it is saved (None for a new page)."""
    if page.pk is None:
        return None
    return type(page).objects.filter(pk=page.pk).values(*WATCHED).first()


def changes(page, before):
    """``[(kind, summary)]``: what changed in ``page`` since ``before``, in the page's language."""
    if before is None or before["first_published_at"] is None:
        return [
            (
                "new",
                _("New in phase “%(ring)s” of the sector “%(sector)s”.")
                % {"ring": page.ring.name, "sector": page.sector.name},
            )
        ]
    found = []
    if before["ring_id"] != page.ring_id:
        old = type(page.ring).objects.filter(pk=before["ring_id"]).values_list("name", flat=True).first()
        text = _("Moved from phase “%(old)s” to “%(new)s”.") % {"old": old or "–", "new": page.ring.name}
        found.append(("ring", text))
    if before["progress_percent"] != page.progress_percent and page.progress_percent is not None:
        found.append(("progress", _("Progress: %(progress)d %%.") % {"progress": page.progress_percent}))
    if before["delivery_status"] != page.delivery_status or (
        page.delivery_status != "on_track" and before["status_reason"] != page.status_reason
    ):
        text = _("Delivery status: %(status)s.") % {"status": page.get_delivery_status_display()}
        if page.status_reason:
            text += " " + _("Reason: %(reason)s") % {"reason": page.status_reason}
        found.append(("status", text))
    return found


def tell_followers(page, before):
    """Send ``subject_changed`` on commit for each change of a published measure."""
    if not page.live:  # published for later (go-live date): told when it goes live
        return
    with translation.override(page.locale.language_code):
        found = changes(page, before)
    if not found:
        return
    url = page.get_full_url()

    def send():
        for kind, summary in found:
            subject_changed.send(sender=type(page), subject=page, kind=kind, summary=summary, url=url)

    transaction.on_commit(send)
