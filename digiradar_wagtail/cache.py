"""
Cache of the rendered radar, per radar page, language and filter.

Each radar has a version number in the cache; every publish, unpublish, move or delete of
one of its measures (or of the radar itself) bumps it, so stale fragments are never read
again and simply expire.
"""

import hashlib

from django.core.cache import caches
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .conf import digiradar_settings
from .models import MeasurePage, RadarIndexPage


def _cache():
    return caches[digiradar_settings.CACHE_ALIAS]


def _version_key(radar_id):
    return f"digiradar:radar:{radar_id}:version"


def radar_version(radar_id):
    return _cache().get_or_set(_version_key(radar_id), 1, timeout=None)


def invalidate_radar(radar_id):
    cache = _cache()
    try:
        cache.incr(_version_key(radar_id))
    except ValueError:  # not in the cache (yet, or evicted): start a fresh series
        cache.set(_version_key(radar_id), 2, timeout=None)


def fragment_key(radar_id, language, querystring):
    digest = hashlib.sha256(querystring.encode()).hexdigest()[:32]
    return f"digiradar:radar:{radar_id}:v{radar_version(radar_id)}:{language}:{digest}"


def cached_fragment(radar_id, language, querystring, render):
    """Return the cached fragment, or ``render()`` it and keep it."""
    key = fragment_key(radar_id, language, querystring)
    cache = _cache()
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=digiradar_settings.RADAR_CACHE_TIMEOUT)
    return html


def _parent_radar_id(page):
    parent = page.get_parent()
    return parent.pk if parent is not None else None


@receiver(page_published, sender=MeasurePage, dispatch_uid="digiradar_cache_publish")
@receiver(page_unpublished, sender=MeasurePage, dispatch_uid="digiradar_cache_unpublish")
def _measure_changed(sender, instance, **kwargs):
    radar_id = _parent_radar_id(instance)
    if radar_id:
        invalidate_radar(radar_id)


@receiver(post_delete, sender=MeasurePage, dispatch_uid="digiradar_cache_delete")
def _measure_deleted(sender, instance, **kwargs):
    # The tree path survives the delete, so the parent can still be found by path.
    parent_path = instance.path[: -MeasurePage.steplen] if instance.path else ""
    radar = RadarIndexPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    if radar:
        invalidate_radar(radar)


@receiver(post_page_move, dispatch_uid="digiradar_cache_move")
def _page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if isinstance(instance.specific, MeasurePage):
        invalidate_radar(parent_page_before.pk)
        invalidate_radar(parent_page_after.pk)


@receiver(page_published, sender=RadarIndexPage, dispatch_uid="digiradar_cache_radar")
def _radar_published(sender, instance, **kwargs):
    invalidate_radar(instance.pk)
