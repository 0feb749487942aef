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
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
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


def _in_language(own, titles, kind):
    """How a mail in the current language names one subject: its live translation's title if any."""

    def name():
        title_ = titles.get(translation.get_language(), own)
        return gettext("%(kind)s “%(title)s”") % {"kind": capfirst(kind), "title": title_}

    return name


def names(keys):
    """
    How a mail names many followed subjects, loaded at once: ``{(content type id, object id):
    name()}`` for the subjects of ``keys`` that still exist, where ``name()`` gives "Maßnahme
    „Bürger-ID“" in the language active when it is called (the title of the subject's live
    translation in that language, else its own). One query for all pages, one for all sectors and
    one per other model, never one per subject.
    """
    by_model = {}
    for content_type_id, object_id in keys:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and is_followable_model(model):
            family = Page if issubclass(model, Page) else model
            by_model.setdefault(family, {})[object_id] = (content_type_id, model)
    found = {}
    for model, wanted in by_model.items():
        if model in (Page, RadarSector):
            found.update(_translated_names(model, wanted))
        else:
            subjects = model._default_manager.in_bulk(list(wanted))
            for pk, subject in subjects.items():
                found[(wanted[str(pk)][0], str(pk))] = lambda subject=subject: title(subject)
    return found


def _translated_names(model, wanted):
    """:func:`names` of pages or of sectors: each with its live translations' titles, one query."""
    ids = [int(object_id) for object_id in wanted if object_id.isascii() and object_id.isdigit()]
    same = Q(translation_key__in=model._default_manager.filter(pk__in=ids).values("translation_key"))
    if model is RadarSector:
        rows = RadarSector.objects.filter(same, Q(pk__in=ids) | Q(page__live=True)).values_list(
            "pk", "translation_key", "locale__language_code", "name", "page__title"
        )
        rows = [(pk, key_, language, f"{radar}: {name}") for pk, key_, language, name, radar in rows]
    else:
        rows = Page.objects.filter(same, Q(pk__in=ids) | Q(live=True)).values_list(
            "pk", "translation_key", "locale__language_code", "title"
        )
    titles, own = {}, {}
    for pk, translation_key, language, title_ in rows:
        titles.setdefault(translation_key, {})[language] = title_
        if str(pk) in wanted:
            own[str(pk)] = (translation_key, language, title_)
    named = {}
    for object_id, (translation_key, language, title_) in own.items():
        content_type_id, subject_model = wanted[object_id]
        translations = {**titles[translation_key], language: title_}
        named[(content_type_id, object_id)] = _in_language(
            title_, translations, subject_model._meta.verbose_name
        )
    return named


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
