"""
Cache of the rendered radar, per radar page, language and filter.

Each radar has a version token in the cache; every publish, unpublish, move or delete of one of
its measures, a change of a measure's privacy (or of the radar itself) replaces it, so stale
fragments are never read again and simply expire. A token is never reused, even after the cache
evicted it, so an old fragment cannot come back.

What one visitor can make the cache store is bounded: only filters that name existing sectors,
rings and terms are cached (a free-text ``q`` never is), and one client stores at most
``DIGIRADAR_RADAR_CACHE_STORES_PER_CLIENT`` fragments within ``DIGIRADAR_RADAR_CACHE_STORE_WINDOW``.
"""

import hashlib
import secrets
import time

from django.core.cache import caches
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .conf import digiradar_settings
from .models import MeasurePage, RadarIndexPage
from .participation.ratelimit import client_hash, count_event


def _cache():
    return caches[digiradar_settings.CACHE_ALIAS]


def _version_key(radar_id):
    return f"digiradar:radar:{radar_id}:version"


def _new_version():
    # Time plus randomness: unique across processes and after the old token was evicted.
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def radar_version(radar_id):
    cache = _cache()
    version = cache.get(_version_key(radar_id))
    if version is None:
        cache.add(_version_key(radar_id), _new_version(), timeout=None)
        version = cache.get(_version_key(radar_id))
    return version


def invalidate_radar(radar_id):
    _cache().set(_version_key(radar_id), _new_version(), timeout=None)


def fragment_key(radar_id, language, querystring):
    digest = hashlib.sha256(querystring.encode()).hexdigest()[:32]
    return f"digiradar:radar:{radar_id}:v{radar_version(radar_id)}:{language}:{digest}"


def may_store(request):
    """True while this client has stored fewer filtered fragments than the bound allows."""
    window = digiradar_settings.RADAR_CACHE_STORE_WINDOW
    stored = count_event(f"digiradar:radar-stores:{client_hash(request, 'radar-cache')}", window)
    return stored <= digiradar_settings.RADAR_CACHE_STORES_PER_CLIENT


def cached_fragment(radar_id, language, querystring, render, store=True):
    """
    Return the cached fragment, or ``render()`` it. ``store`` may be a bool or a callable asked
    only when the fragment is missing; a false answer renders without keeping the result.
    """
    key = fragment_key(radar_id, language, querystring)
    cache = _cache()
    html = cache.get(key)
    if html is None:
        html = render()
        if store is True or (callable(store) and store()):
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


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="digiradar_cache_privacy_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="digiradar_cache_privacy_deleted")
def _privacy_changed(sender, instance, **kwargs):
    """A password or login restriction hides a page and all below it: redraw every radar it touches."""
    path = instance.page.path
    steplen = RadarIndexPage.steplen
    ancestors = [path[:end] for end in range(steplen, len(path) + 1, steplen)]
    touched = RadarIndexPage.objects.filter(Q(path__startswith=path) | Q(path__in=ancestors))
    for radar_id in touched.values_list("pk", flat=True):
        invalidate_radar(radar_id)
