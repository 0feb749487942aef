"""Snippets that classify measures: departments, principles and topics (all translatable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


def unique_slug_per_language(kind):
    """The database keeps a term's slug unique within each language (``kind``: its model's name)."""
    return [models.UniqueConstraint(fields=["slug", "locale"], name=f"digiradar_{kind}_slug_locale")]


class TaxonomyItem(TranslatableMixin, index.Indexed, models.Model):
    """
    A named, translatable term. The slug is the same in every language, so that filter
    URLs and exports name a term the same way whatever the page's language.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Used in filter URLs and open-data exports; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Department(TaxonomyItem):
    """A city department (Referat / Fachbereich) that leads or co-leads measures."""

    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("For example RIT or KVR.")
    )
    website = models.URLField(_("website"), blank=True)
    # The weekly editors' digest (digiradar_wagtail/digests.py): new comments and ideas on the
    # department's measures, mailed to its contact mailbox when switched on.
    contact_email = models.EmailField(
        _("contact mailbox"), blank=True, help_text=_("A role's mailbox, not a person's.")
    )
    weekly_digest = models.BooleanField(
        _("weekly digest"),
        default=False,
        help_text=_("Mail the contact mailbox a weekly digest of new comments and ideas on our measures."),
    )
    digest_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True, editable=False)

    panels = TaxonomyItem.panels + [
        FieldPanel("abbreviation"),
        FieldPanel("website"),
        FieldPanel("contact_email"),
        FieldPanel("weekly_digest"),
    ]
    translatable_fields = TaxonomyItem.translatable_fields + [
        TranslatableField("abbreviation"),
        SynchronizedField("website"),
        SynchronizedField("contact_email"),
        SynchronizedField("weekly_digest"),
    ]

    class Meta(TaxonomyItem.Meta):
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = unique_slug_per_language("department")


class Principle(TaxonomyItem):
    """A principle of the digitalisation strategy that measures serve (e.g. data protection)."""

    class Meta(TaxonomyItem.Meta):
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        constraints = unique_slug_per_language("principle")


class Topic(TaxonomyItem):
    """A topic (Themenfeld) such as mobility or energy."""

    class Meta(TaxonomyItem.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = unique_slug_per_language("topic")
