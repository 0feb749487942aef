"""
Purge the front cache (Varnish, a CDN) when what the public ideas pages show changes: an idea
approved, hidden, removed, sent back to moderation, answered or turned into a measure. Every such
change writes Wagtail's audit log (``moderation.py``), so the log entry is the one place they all
pass through. Purged, in every language of the radar: the ideas page (its list with any query
string, on caches that purge a path with its queries), the idea's own page and the two open-data
files; an ideas page published or unpublished purges its radar's pages (their header links it).
Nothing happens unless the radar app's front cache is set up.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from wagtail.models import ModelLogEntry
from wagtail.signals import page_published, page_unpublished

from ..front_cache import is_enabled, purge_after_commit, radar_page_urls
from .models import Idea, IdeasPage
from .moderation import VISIBLE_ACTIONS


def idea_urls(idea):
    """The public URLs that show ``idea``, in every language of its radar (two queries)."""
    urls = set()
    for page in IdeasPage.objects.live().filter(radar_key=idea.radar_key).select_related("locale"):
        base = page.get_full_url()
        if not base:
            continue
        radar_url = base[: base.rstrip("/").rindex("/") + 1]  # the radar is the ideas page's parent
        urls.update(
            {base, base + page.reverse_subpage("idea", args=[idea.pk])},
            {radar_url + name for name in ("ideas.json", "ideas.csv")},
        )
    return urls


def _logged(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.action not in VISIBLE_ACTIONS or not is_enabled():
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Idea).pk:
        return
    idea = Idea.objects.filter(pk=instance.object_id).first()
    if idea is not None:
        purge_after_commit(idea_urls(idea))


def _ideas_page_changed(sender, instance, **kwargs):
    # The radar's header links its live ideas page (public.radar_note): purge the radar's pages.
    if is_enabled():
        purge_after_commit(radar_page_urls(instance.get_parent().specific))


def connect():
    post_save.connect(_logged, sender=ModelLogEntry, dispatch_uid="digiradar_ideas_front_cache")
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(_ideas_page_changed, sender=IdeasPage, dispatch_uid=f"digiradar_ideas_page_{name}")
