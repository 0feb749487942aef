"""
Every signal handler of the radar app, connected in ``AppConfig.ready()``: each measure's history
on publish, telling its followers (``changes.py``), a moved measure adopting its new radar's
parts, redrawing cached radars and purging the front cache.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import changes, front_cache
from .localization import is_translation
from .models import MeasurePage, RadarIndexPage, RadarRing, RadarSector
from .models.history import record_publication
from .public.fragment_cache import invalidate_radar


# History ------------------------------------------------------------------------------------
@receiver(page_published, sender=MeasurePage, dispatch_uid="digiradar_record_history")
def record_measure_history(sender, instance, **kwargs):
    if not is_translation(instance):
        record_publication(instance)


# Followers (a follow app hears signals.subject_changed) ---------------------------------------
@receiver(pre_save, sender=MeasurePage, dispatch_uid="digiradar_state_before_publish")
def remember_state(sender, instance, update_fields=None, **kwargs):
    # Publishing saves the whole page; a draft's save names its few fields and changes nothing live.
    if update_fields is None:
        instance._digiradar_before = changes.state_before(instance)


@receiver(page_published, sender=MeasurePage, dispatch_uid="digiradar_tell_followers")
def tell_followers(sender, instance, **kwargs):
    changes.tell_followers(instance, getattr(instance, "_digiradar_before", None))


# A measure moved to another radar takes on that radar's sector and ring of the same slug -----
def _counterpart(model, part_id, radar_id):
    """The part of ``radar_id`` with the slug of ``part_id``, or that radar's first part."""
    slug = model.objects.filter(pk=part_id).values_list("slug", flat=True).first()
    parts = model.objects.filter(page_id=radar_id)
    return parts.filter(slug=slug).first() or parts.first()


@receiver(post_page_move, dispatch_uid="digiradar_measure_moved")
def adopt_new_radar(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if parent_page_before.pk == parent_page_after.pk:
        return
    measure = MeasurePage.objects.filter(pk=instance.pk).first()
    if measure is None:
        return
    sector = _counterpart(RadarSector, measure.sector_id, parent_page_after.pk)
    ring = _counterpart(RadarRing, measure.ring_id, parent_page_after.pk)
    if sector and ring:
        MeasurePage.objects.filter(pk=measure.pk).update(sector=sector, ring=ring)


# The radar fragment cache ---------------------------------------------------------------------
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
    """A password or login restriction hides a page and all below it: redraw every radar it touches,
    and drop the public copies of them all from the front cache."""
    for radar_id in front_cache.radars_touched_by(instance.page.path).values_list("pk", flat=True):
        invalidate_radar(radar_id)
    if front_cache.is_enabled():
        front_cache.purge_after_commit(front_cache.restricted_urls(instance.page))


# The front cache (Varnish, a CDN): what Wagtail does not purge itself ------------------------------
# Wagtail purges a published or unpublished page's own URL; a deleted live page is unpublished
# first, so these receivers also run for deletes, while the page is still in the database.
@receiver(page_published, sender=MeasurePage, dispatch_uid="digiradar_front_cache_measure_published")
@receiver(page_unpublished, sender=MeasurePage, dispatch_uid="digiradar_front_cache_measure_unpublished")
def _purge_measure(sender, instance, **kwargs):
    if front_cache.is_enabled():
        front_cache.purge_after_commit(front_cache.measure_urls(instance))


@receiver(page_published, sender=RadarIndexPage, dispatch_uid="digiradar_front_cache_radar_published")
@receiver(page_unpublished, sender=RadarIndexPage, dispatch_uid="digiradar_front_cache_radar_unpublished")
def _purge_radar(sender, instance, **kwargs):
    if front_cache.is_enabled():
        front_cache.purge_after_commit(front_cache.radar_urls(instance))


_MOVABLE = (MeasurePage, RadarIndexPage)  # the pages whose URLs others show


@receiver(post_page_move, dispatch_uid="digiradar_front_cache_move")
def _purge_moved(sender, instance, url_path_before, parent_page_before, **kwargs):
    if issubclass(sender, _MOVABLE) and instance.live and front_cache.is_enabled():
        page = instance.specific
        front_cache.purge_after_commit(front_cache.moved_urls(page, url_path_before, parent_page_before))


@receiver(page_slug_changed, dispatch_uid="digiradar_front_cache_slug")
def _purge_renamed(sender, instance, instance_before, **kwargs):
    """A new slug moves the page (and a radar's measures) to new URLs within the same parent.
    Wagtail's redirects app purges the old URL too, but fails on a slug with umlauts."""
    if issubclass(sender, _MOVABLE) and instance_before.live and front_cache.is_enabled():
        urls = front_cache.moved_urls(instance, instance_before.url_path, instance.get_parent())
        front_cache.purge_after_commit(urls)
