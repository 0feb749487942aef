"""
What can be followed, and how a subject is named in URLs and rows.

A subject is any model instance: a measure or radar page, a radar's sector, or another app's
object that declares ``digiradar_followable = True`` on its model (it may add
``follow_visible()`` -> bool, ``follow_title()`` and ``get_full_url()`` or ``get_absolute_url()``).
URLs name it as ``<app_label>.<model>/<pk>``; rows as content type + object id.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page

from ..models import MeasurePage, RadarIndexPage, RadarSector

FOLLOWABLE_PAGES = (MeasurePage, RadarIndexPage)


def is_followable_model(model):
    return issubclass(model, FOLLOWABLE_PAGES + (RadarSector,)) or getattr(
        model, "digiradar_followable", False
    )


def model_name(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def follow_url(subject, request=None):
    """The follow page of ``subject`` (or ``(radar, sector)``); None if it cannot be followed."""
    if isinstance(subject, tuple):
        subject = subject[1]
    if subject is None or subject.pk is None or not is_followable_model(type(subject)):
        return None
    return reverse("digiradar_follow:follow", args=[model_name(type(subject)), str(subject.pk)])


def find(name, object_id):
    """The visible subject named by a URL, or None (unknown model, bad id, hidden or gone)."""
    try:
        model = apps.get_model(name)
    except (LookupError, ValueError):
        return None
    if not is_followable_model(model):
        return None
    if issubclass(model, Page):
        if not object_id.isdigit():
            return None
        page = model.objects.live().public().filter(pk=int(object_id)).first()
        return page
    try:
        subject = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ArithmeticError):
        return None
    except Exception:  # a database refusing a malformed key (e.g. a UUID column)
        return None
    if subject is None or not is_visible(subject):
        return None
    return subject


def is_visible(subject):
    if isinstance(subject, RadarSector):
        radar = subject.page
        return radar.live and not radar.get_view_restrictions().exists()
    visible = getattr(subject, "follow_visible", None)
    return visible() if visible else True


def title(subject):
    if isinstance(subject, RadarSector):
        return f"{subject.page.title}: {subject.name}"
    named = getattr(subject, "follow_title", None)
    return named() if named else str(subject)


def public_url(subject, request=None):
    """Where a follower reads the subject: absolute when a request or site tells the host."""
    if isinstance(subject, RadarSector):
        base = public_url(subject.page.specific, request)
        return f"{base}?sector={subject.slug}" if base else ""
    if isinstance(subject, Page):
        return (subject.get_full_url(request) if request is None else subject.get_url(request)) or ""
    for method in ("get_full_url", "get_absolute_url"):
        if hasattr(subject, method):
            return getattr(subject, method)() or ""
    return ""


def language_of(subject, default):
    """The language of a translatable subject (its followers are told in it), else ``default``."""
    locale = getattr(subject, "locale", None) if getattr(subject, "locale_id", None) else None
    return locale.language_code if locale is not None else default


def key(subject):
    """``(content type, object id)`` of ``subject`` for rows (a page by its specific type)."""
    if isinstance(subject, Page):
        return ContentType.objects.get_for_id(subject.content_type_id), str(subject.pk)
    return ContentType.objects.get_for_model(subject), str(subject.pk)
