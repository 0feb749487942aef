"""System check of the participation blocks: stored blocks whose app is not installed."""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from .fields import participation_blocks

# participation_key -> the app that draws such a block
APPS = {"comments": "digiradar_wagtail.comments", "ratings": "digiradar_wagtail.ratings"}


@register(Tags.database)
def check_stored_participation_blocks(app_configs=None, databases=None, **kwargs):
    """
    ``digiradar_wagtail.W004``: measures that hold a comments or rating block while its app is not
    installed. The blocks are kept (nothing is lost) but show nothing. Runs with ``check --database``.
    """
    if not databases:
        return []
    from ..models import MeasurePage

    blocks = participation_blocks()
    missing = {name: APPS[block.participation_key] for name, block in blocks if not block.is_available()}
    if not missing:
        return []
    counts = dict.fromkeys(missing, 0)
    try:
        for stream in MeasurePage.objects.values_list("participation", flat=True).iterator():
            types = {child.block_type for child in stream or []}
            for name in counts:
                counts[name] += name in types
    except DatabaseError:  # not migrated yet
        return []
    return [
        Warning(
            f"{count} measure page(s) hold a '{name}' block, but {missing[name]!r} is not in "
            "INSTALLED_APPS: the block shows nothing.",
            hint=f"Add {missing[name]!r} to INSTALLED_APPS, or remove the block from the measures' "
            "Participation tab.",
            id="digiradar_wagtail.W004",
        )
        for name, count in counts.items()
        if count
    ]
