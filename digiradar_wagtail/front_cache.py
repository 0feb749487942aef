"""
Tell the front cache (Varnish, a CDN) which public URLs a change makes stale.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a page's own URL when that page is published
or unpublished (and a deleted page is unpublished first). What else shows a measure is purged
here, through the same app and its ``WAGTAILFRONTENDCACHE`` backends:

- a measure published, unpublished or deleted: its other translations, the measures that list it
  as related, its radar page in every language, that radar's ``export.json``, ``export.csv``
  and ``feed.atom`` and its sector views (``?sector=<slug>``, for caches that purge exact URLs;
  a purge of a path drops every query string of it in the VCL of ``docs/deploy/varnish.vcl``,
  so filtered radars and exports go too);
- a measure moved or given a new slug: the same, its old and new URL, and both radars;
- a radar published or unpublished: its other translations, its exports and its sector views in
  every language;
  a radar moved or given a new slug: its old URL, its old exports and the old URLs of its
  measures;
- a page's view restriction (password, login, groups) added, changed or removed: that page,
  every page below it, and the radars that list any of them with their exports, so that no
  public copy of a page that has become private is served.

Nothing happens unless ``wagtail.contrib.frontend_cache`` is installed and a backend is
configured. URLs are collected while the change runs and purged once its transaction commits, so
the cache cannot fetch the old page again in between; a failed purge is logged and never undoes
or breaks the change.
"""

import copy
import logging
import threading
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page

from .models import MeasurePage, RadarIndexPage, RadarSector
from .public.page_urls import file_url

logger = logging.getLogger(__name__)

EXPORT_FILES = ("export.json", "export.csv", "feed.atom")


def is_enabled():
    """Is the front cache app installed with at least one purge backend configured?"""
    # Read as Wagtail's get_backends() reads it, without building the backends (a CDN's client).
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
        or getattr(settings, "WAGTAILFRONTENDCACHE_LOCATION", None)
    )


# What is stale after a change -------------------------------------------------------------------
def _urls_of(pages):
    """Each page's URLs as Wagtail purges them (its full URL plus its ``get_cached_paths()``)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def _export_urls(radars):
    """The exports and the sector views of ``radars``: what shows a radar besides its own URL
    (one query for the sectors)."""
    urls = {radar.pk: radar.get_full_url() for radar in radars}
    urls = {pk: url for pk, url in urls.items() if url}
    if not urls:
        return set()
    sectors = RadarSector.objects.filter(page_id__in=urls).values_list("page_id", "slug")
    return {file_url(url, name) for url in urls.values() for name in EXPORT_FILES} | {
        f"{urls[page_id]}?{urlencode({'sector': slug})}" for page_id, slug in sectors
    }


def _radars_in_every_language(radar_paths):
    """The live radars at ``radar_paths`` and all their live translations (one query)."""
    keys = RadarIndexPage.objects.filter(path__in=radar_paths).values("translation_key")
    return list(RadarIndexPage.objects.live().filter(translation_key__in=keys))


def _parent_path(page):
    return page.path[: -page.steplen]


def measure_urls(measure):
    """Every URL other than the measure's own that shows ``measure`` (three queries, whatever the
    number of translations, radars and related measures)."""
    translations = list(MeasurePage.objects.filter(translation_key=measure.translation_key))
    radars = _radars_in_every_language(
        {_parent_path(page) for page in translations} | {_parent_path(measure)}
    )
    related_keys = MeasurePage.objects.filter(
        relations__target__translation_key=measure.translation_key
    ).values("translation_key")
    related = MeasurePage.objects.live().filter(translation_key__in=related_keys)
    others = [page for page in translations if page.live and page.pk != measure.pk]
    return _urls_of([*others, *radars, *related]) | _export_urls(radars)


def radar_urls(radar):
    """The exports of ``radar`` and its other translations' pages and exports."""
    radars = list(RadarIndexPage.objects.live().filter(translation_key=radar.translation_key))
    others = [page for page in radars if page.pk != radar.pk]
    return _urls_of(others) | _export_urls([*others, radar])


def radar_page_urls(radar):
    """The pages of ``radar`` in every language (for a change a sub-app shows on them)."""
    return _urls_of(RadarIndexPage.objects.live().filter(translation_key=radar.translation_key))


def moved_urls(page, url_path_before, parent_before):
    """
    What a move of ``page`` (a measure or a radar, with its ``url_path`` after the move) from
    under ``parent_before`` makes stale: the URLs it had before, those it has now, and what shows
    it in either place. Wagtail purges nothing on a move.
    """
    before = copy.copy(page)
    before.url_path = url_path_before
    urls = _urls_of([before, page])
    if isinstance(page, MeasurePage):
        old_radars = _radars_in_every_language({parent_before.path})
        return urls | measure_urls(page) | _urls_of(old_radars) | _export_urls(old_radars)
    if isinstance(page, RadarIndexPage):
        old_measures = []
        for measure in MeasurePage.objects.live().descendant_of(page):
            measure.url_path = url_path_before + measure.url_path[len(page.url_path) :]
            old_measures.append(measure)
        return urls | radar_urls(page) | _export_urls([before]) | _urls_of(old_measures)
    return urls


def radars_touched_by(page_path):
    """The radars at, below or above the page at ``page_path``: those whose listing a change of
    that page's visibility (and everything below it) can alter."""
    steplen = RadarIndexPage.steplen
    ancestors = [page_path[:end] for end in range(steplen, len(page_path) + 1, steplen)]
    return RadarIndexPage.objects.filter(Q(path__startswith=page_path) | Q(path__in=ancestors))


def restricted_urls(page):
    """What a view restriction added to or removed from ``page`` makes stale (two queries)."""
    pages = Page.objects.live().descendant_of(page, inclusive=True)
    radars = list(radars_touched_by(page.path).live())
    return _urls_of(pages) | _urls_of(radars) | _export_urls(radars)


# Purging after the commit -----------------------------------------------------------------------
class _Pending(threading.local):
    # The URLs of a transaction that rolls back stay here and go with the next purge: harmless.
    def __init__(self):
        self.urls = set()


_pending = _Pending()


def purge_after_commit(urls):
    """
    Purge ``urls`` once the current transaction commits (at once outside a transaction). URLs of
    several changes in one transaction are purged together, each once.
    """
    urls = {url for url in urls if url}
    if not urls:
        return
    _pending.urls.update(urls)
    transaction.on_commit(_purge_pending)


def _purge_pending():
    urls, _pending.urls = _pending.urls, set()
    if not urls:
        return  # purged by an earlier callback of the same transaction
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        # Wagtail's HTTP backend logs a refused or failed purge itself and carries on.
        purge_urls_from_cache(sorted(urls))
    except Exception:
        logger.exception("Could not purge %d URLs from the front cache", len(urls))


def purge_pages(pages):
    """Purge the URLs of ``pages`` after the commit (for apps that show something on pages)."""
    if is_enabled():
        purge_after_commit(_urls_of(pages))
