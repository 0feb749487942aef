"""
What can be followed, and how a subject is named in URLs and rows.

A subject is any model instance: a measure or radar page, a radar's sector, or another app's
object that declares ``digiradar_followable = True`` on its model (it may add
``follow_visible()`` -> bool, ``follow_title()`` (the city's words: it goes into mails) and
``get_full_url()`` or ``get_absolute_url()``).
URLs name it as ``<app_label>.<model>/<pk>``; rows as content type + object id.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import capfirst
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
        if not (object_id.isascii() and object_id.isdigit()) or not 0 < int(object_id) < 2**63:
            return None
        return model.objects.live().public().filter(pk=int(object_id)).first()
    try:
        subject = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ArithmeticError, ValidationError):  # a key the column cannot hold
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
    """
    How pages and mails name ``subject``: the city's words only. Another app's object is named by
    its ``follow_title()``, else by its kind and number ("Idee #12"), never by a text a citizen
    may have written.
    """
    if isinstance(subject, RadarSector):
        return f"{subject.page.title}: {subject.name}"
    if isinstance(subject, Page):
        return subject.title
    named = getattr(subject, "follow_title", None)
    return named() if named else f"{capfirst(subject._meta.verbose_name)} #{subject.pk}"


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
