"""
The ideas' part of a department's weekly digest (``extensions.register_digest_section``): new
ideas since the last digest on the radars and in the sectors of the department's measures.
"""

from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Idea


def new_ideas_section(measures, since):
    """``{"title", "items"}`` for ideas proposed after ``since``, or None (two queries)."""
    placements = list(measures.values_list("path", "sector__slug"))
    if not placements:
        return None
    parent_paths = {path[: -Page.steplen] for path, _slug in placements}
    radar_keys = Page.objects.filter(path__in=parent_paths).values("translation_key")
    ideas = (
        Idea.objects.exclude(awaiting_confirmation=True)
        .filter(radar_key__in=radar_keys, sector_slug__in={slug for _path, slug in placements})
        .filter(created_at__gt=since)
        .exclude(state__in=["hidden", "removed"])
        .order_by("created_at")
    )
    items = [
        _("“%(title)s” (%(sector)s, %(state)s)")
        % {"title": idea.title, "sector": idea.sector_slug, "state": idea.get_state_display()}
        for idea in ideas
    ]
    if not items:
        return None
    return {"title": _("New citizen ideas"), "items": items}
