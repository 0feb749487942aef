"""The dated history of a measure's ring and progress, shared by all its translations."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
