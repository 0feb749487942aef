"""
The dated history of a measure's ring and progress, shared by all its translations, and the one
rule that reads "new", "moved in" and "moved out" from it (for the radar and every export).
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..conf import digiradar_settings

NEW, MOVED_IN, MOVED_OUT = "new", "moved_in", "moved_out"
# How the radar and its list name each marker (the legend says the same in its own words).
MARKER_LABELS = {NEW: _("new"), MOVED_IN: _("moved in"), MOVED_OUT: _("moved out")}
# The Zalando tech-radar's "moved": 1 inwards, -1 outwards, 2 new, 0 neither.
TECH_RADAR_MOVED = {MOVED_IN: 1, MOVED_OUT: -1, NEW: 2, None: 0}


class MeasureHistoryEntry(models.Model):
    """
    One change of ring or progress, recorded when a measure is published.

    Entries are keyed by the measure's ``translation_key`` and by the ring's, not by page ids,
    so that the German and English pages share one history and a translation's publication
    (which carries the same ring and progress) adds nothing.
    """

    measure_key = models.UUIDField(_("measure"), db_index=True, editable=False)
    recorded_at = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    ring_key = models.UUIDField(_("ring"), null=True, blank=True)
    previous_ring_key = models.UUIDField(_("previous ring"), null=True, blank=True)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    previous_progress_percent = models.PositiveSmallIntegerField(
        _("previous progress (%)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["measure_key", "-recorded_at"], name="digiradar_history_measure")]

    def __str__(self):
        return f"{self.measure_key} @ {self.recorded_at:%Y-%m-%d}"

    @property
    def is_first(self):
        return self.previous_ring_key is None and self.previous_progress_percent is None

    @property
    def ring_changed(self):
        return self.previous_ring_key is not None and self.previous_ring_key != self.ring_key


def record_publication(measure, when=None):
    """Add a history entry if ``measure`` was published with a new ring or progress."""
    ring_key = measure.ring.translation_key if measure.ring_id else None
    latest = MeasureHistoryEntry.objects.filter(measure_key=measure.translation_key).first()
    if (
        latest is not None
        and latest.ring_key == ring_key
        and latest.progress_percent == measure.progress_percent
    ):
        return None
    return MeasureHistoryEntry.objects.create(
        measure_key=measure.translation_key,
        recorded_at=when or timezone.now(),
        ring_key=ring_key,
        previous_ring_key=latest.ring_key if latest else None,
        progress_percent=measure.progress_percent,
        previous_progress_percent=latest.progress_percent if latest else None,
    )


def marker_period_start(now=None):
    """Changes since this moment mark a measure on the radar (``DIGIRADAR_HISTORY_MARKER_DAYS``)."""
    return (now or timezone.now()) - datetime.timedelta(days=digiradar_settings.HISTORY_MARKER_DAYS)


def movement(entries, ring_position, since):
    """
    ``NEW``, ``MOVED_IN``, ``MOVED_OUT`` or None for one measure, from its history ``entries``
    (any order). A measure first published since ``since`` is new, whatever happened next;
    otherwise its latest change of ring since then says whether it moved to a later phase (in,
    towards the centre) or back (out). ``ring_position`` maps a ring's translation key to its
    place in the radar's order; a ring the radar no longer has marks nothing.
    """
    marker = None
    for entry in sorted(entries, key=lambda entry: (entry.recorded_at, entry.pk or 0)):
        if entry.recorded_at < since:
            continue
        if entry.is_first:
            marker = NEW
        elif entry.ring_changed and marker != NEW:
            before, after = ring_position.get(entry.previous_ring_key), ring_position.get(entry.ring_key)
            if before is not None and after is not None and before != after:
                marker = MOVED_IN if after > before else MOVED_OUT
    return marker
