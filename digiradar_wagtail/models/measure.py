"""A measure (Maßnahme) of the digitalisation strategy, and what it carries."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import extensions
from ..blocks import MeasureBodyBlock
from ..conf import digiradar_settings
from ..participation.fields import ParticipationField, default_participation, participation_blocks
from ..public.page_urls import file_url
from ..public.shared_cache import SharedCachePageMixin
from .links import optional_link


class DeliveryStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    STOPPED = "stopped", _("Stopped")


class NamedSerializer(serializers.Serializer):
    """How the API names a sector, ring or taxonomy term: by name and slug, not only by id."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


def validate_placement(sector, ring, radar):
    """A measure's sector and ring must belong to the radar it sits in."""
    errors = {}
    if sector is not None and radar is not None and sector.page_id != radar.pk:
        errors["sector"] = ValidationError(_("This sector belongs to another radar."), code="foreign_sector")
    if ring is not None and radar is not None and ring.page_id != radar.pk:
        errors["ring"] = ValidationError(_("This ring belongs to another radar."), code="foreign_ring")
    if errors:
        raise ValidationError(errors)


class MeasurePageForm(WagtailAdminPageForm):
    """Offers only the sectors and rings of the radar the measure sits in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        radar = self.radar
        if radar is not None:
            for name, relation in (("sector", "sectors"), ("ring", "rings")):
                if name in self.fields:
                    self.fields[name].queryset = getattr(radar, relation).all()

    @property
    def radar(self):
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        return parent.specific if parent is not None else None

    def clean(self):
        cleaned_data = super().clean()
        try:
            validate_placement(cleaned_data.get("sector"), cleaned_data.get("ring"), self.radar)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned_data


def placement(to, verbose_name):
    """Where a measure sits on its radar: a sector or a ring, which cannot be deleted while in use."""
    return models.ForeignKey(to, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="measures")


def optional_text(verbose_name, help_text):
    """A text an editor may leave empty, with a hint what to write."""
    return models.TextField(verbose_name, blank=True, help_text=help_text)


class MeasurePage(SharedCachePageMixin, Page):
    """One measure of the strategy, shown as one blip on its radar."""

    # Identity
    teaser = models.TextField(_("teaser"), max_length=300, help_text=_("One or two sentences for lists."))
    body = StreamField(MeasureBodyBlock(), blank=True, verbose_name=_("description"))
    plain_language_summary = optional_text(
        _("plain-language summary"),
        _("Leichte Sprache: short sentences, common words, one idea per sentence."),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("A stable id from the city's own list, used by spreadsheet imports."),
    )
    # Placement
    sector = placement("digiradar_wagtail.RadarSector", _("sector"))
    ring = placement("digiradar_wagtail.RadarRing", _("ring (phase)"))
    delivery_status = models.CharField(
        _("delivery status"), max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.ON_TRACK
    )
    status_reason = optional_text(
        _("reason for delay or stop"), _("Required when the measure is delayed or stopped.")
    )
    # Progress and time
    progress_percent = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    progress_as_of = models.DateField(_("progress as of"), null=True, blank=True)
    progress_method = optional_text(
        _("how progress is measured"), _("Publish the method, so that the figure can be checked.")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    actual_end_date = models.DateField(_("actual end"), null=True, blank=True)
    # Accountability
    lead_department = optional_link("digiradar_wagtail.Department", _("lead department"))
    contact_email = models.EmailField(
        _("contact mailbox"), blank=True, help_text=_("A role's mailbox, not a person's.")
    )
    # Money and mandate
    budget_planned = models.DecimalField(
        _("planned budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    # Participation: a comments block and a rating block by default; remove one to switch it off.
    participation = ParticipationField(
        participation_blocks(),
        blank=True,
        block_counts={"comments": {"max_num": 1}, "rating": {"max_num": 1}},
        # JSON-style, so that Wagtail expands each block with its defaults (question, scale, ...)
        default=default_participation,
        verbose_name=_("participation"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("plain_language_summary"),
        InlinePanel("topics", label=_("Topics")),
    ]
    placement_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("sector"), FieldPanel("ring")]),
                FieldPanel("delivery_status"),
                FieldPanel("status_reason"),
            ],
            heading=_("Placement on the radar"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("progress_percent"), FieldPanel("progress_as_of")]),
                FieldPanel("progress_method"),
            ],
            heading=_("Progress"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("planned_end_date"), FieldPanel("actual_end_date")]
                )
            ],
            heading=_("Time"),
        ),
        InlinePanel("milestones", label=_("Milestones")),
    ]
    accountability_panels = [
        FieldPanel("lead_department"),
        InlinePanel("co_departments", label=_("Co-departments")),
        FieldPanel("contact_email"),
        FieldPanel("external_id"),
    ]
    goals_panels = [
        InlinePanel("principles", label=_("Principles")),
        InlinePanel("indicators", label=_("Goals and indicators")),
        MultiFieldPanel(
            [FieldPanel("budget_planned"), FieldPanel("funding_source")], heading=_("Budget and funding")
        ),
        InlinePanel("council_decisions", label=_("Council decisions")),
        InlinePanel("relations", label=_("Related measures")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(placement_panels, heading=_("Status and progress")),
            ObjectList(accountability_panels, heading=_("Responsibility")),
            ObjectList(goals_panels, heading=_("Goals, budget, relations")),
            ObjectList([FieldPanel("participation")], heading=_("Participation")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("plain_language_summary"),
        index.SearchField("external_id"),
        index.AutocompleteField("title"),
        index.FilterField("sector"),
        index.FilterField("ring"),
    ]
    api_fields = [
        APIField("teaser"),
        APIField("body"),
        APIField("plain_language_summary"),
        APIField("external_id"),
        APIField("sector", serializer=NamedSerializer()),
        APIField("ring", serializer=NamedSerializer()),
        APIField("delivery_status"),
        APIField("status_reason"),
        APIField("progress_percent"),
        APIField("progress_as_of"),
        APIField("progress_method"),
        APIField("start_date"),
        APIField("planned_end_date"),
        APIField("actual_end_date"),
        APIField("lead_department", serializer=NamedSerializer()),
        APIField("co_departments"),
        APIField("contact_email"),
        APIField("budget_planned"),
        APIField("funding_source"),
        APIField("topics"),
        APIField("principles"),
        APIField("milestones"),
        APIField("indicators"),
        APIField("council_decisions"),
        APIField("relations"),
    ]
    # Text is translated; the measure's structure follows the source page. Sector and ring are
    # mapped by wagtail-localize to the same sector and ring of the translated radar.
    override_translatable_fields = [
        TranslatableField("sector"),
        TranslatableField("ring"),
        SynchronizedField("delivery_status"),
        SynchronizedField("external_id"),
        SynchronizedField("progress_percent"),
        SynchronizedField("progress_as_of"),
        SynchronizedField("start_date"),
        SynchronizedField("planned_end_date"),
        SynchronizedField("actual_end_date"),
        SynchronizedField("lead_department"),
        SynchronizedField("contact_email"),
        SynchronizedField("budget_planned"),
        SynchronizedField("co_departments"),
        SynchronizedField("topics"),
        SynchronizedField("relations"),
        SynchronizedField("participation"),
    ]

    parent_page_types = ["digiradar_wagtail.RadarIndexPage"]
    subpage_types = []
    base_form_class = MeasurePageForm
    template = "digiradar_wagtail/measure_page.html"

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_percent__isnull=True) | models.Q(progress_percent__lte=100),
                name="digiradar_measure_progress_0_100",
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        for field in ("planned_end_date", "actual_end_date"):
            end = getattr(self, field)
            if end and self.start_date and end < self.start_date:
                errors[field] = ValidationError(
                    _("The end cannot be before the start."), code="end_before_start"
                )
        if (
            self.delivery_status in (DeliveryStatus.DELAYED, DeliveryStatus.STOPPED)
            and not self.status_reason.strip()
        ):
            errors["status_reason"] = ValidationError(
                _("Say why the measure is delayed or stopped."), code="reason_required"
            )
        if self.progress_percent is not None and self.progress_percent > 100:
            errors["progress_percent"] = ValidationError(
                _("Progress runs from 0 to 100 %."), code="progress_range"
            )
        if self.external_id and self.locale_id:
            clash = (
                MeasurePage.objects.filter(external_id=self.external_id, locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if clash:
                errors["external_id"] = ValidationError(
                    _("Another measure already has this external id."), code="duplicate_external_id"
                )
        if errors:
            raise ValidationError(errors)
        if self.path and self.sector_id and self.ring_id:
            validate_placement(self.sector, self.ring, self.get_parent())

    @property
    def radar(self):
        return self.get_parent().specific

    @property
    def progress_is_stale(self):
        """Progress older than DIGIRADAR_STALE_PROGRESS_DAYS, or a figure without a date."""
        from ..freshness import is_stale

        return is_stale(self)

    def get_context(self, request, *args, **kwargs):
        from ..public.measure import measure_detail

        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = digiradar_settings.BASE_TEMPLATE
        context["measure"] = measure_detail(self)
        context["page_notes"] = extensions.page_notes("measure", self, request)
        # A plain link (no token: the page is cached for everyone), only if a follow app is installed.
        context["follow_url"] = extensions.follow_link(self, request)
        context["feed_url"] = file_url(self.get_url(request), "feed.atom")
        return context


class MeasureTopic(Orderable):
    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey("digiradar_wagtail.Topic", on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("topic")]
    api_fields = [APIField("topic", serializer=NamedSerializer())]


class MeasureCoDepartment(Orderable):
    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="co_departments")
    department = models.ForeignKey("digiradar_wagtail.Department", on_delete=models.CASCADE, related_name="+")
    panels = [FieldPanel("department")]
    api_fields = [APIField("department", serializer=NamedSerializer())]


class RelationType(models.TextChoices):
    DEPENDS_ON = "depends_on", _("depends on")
    BUILDS_ON = "builds_on", _("builds on")
    SUCCEEDS = "succeeds", _("succeeds")
    RELATED = "related", _("is related to")


class MeasureRelation(Orderable):
    """A typed link to another measure (depends on, builds on, succeeds)."""

    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(
        _("relation"), max_length=16, choices=RelationType.choices, default=RelationType.RELATED
    )
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("measure"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("relation_type"), FieldPanel("target", heading=_("Measure"))]
    api_fields = [APIField("relation_type"), APIField("target_id")]

    def clean(self):
        super().clean()
        if self.target_id and not MeasurePage.objects.filter(pk=self.target_id).exists():
            raise ValidationError({"target": _("Choose a measure page.")})


class MeasureMilestone(TranslatableMixin, Orderable):
    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("due_date"), FieldPanel("done")])]
    api_fields = [APIField("title"), APIField("due_date"), APIField("done")]
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("due_date"),
        SynchronizedField("done"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class MeasurePrinciple(TranslatableMixin, Orderable):
    """A principle the measure serves, with a short text on how."""

    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="principles")
    principle = models.ForeignKey("digiradar_wagtail.Principle", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("how the measure serves it"), blank=True)
    panels = [FieldPanel("principle"), FieldPanel("text")]
    api_fields = [APIField("principle", serializer=NamedSerializer()), APIField("text")]
    translatable_fields = [SynchronizedField("principle"), TranslatableField("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class MeasureIndicator(TranslatableMixin, Orderable):
    """A goal with its indicator: where it started, where it should go, where it stands."""

    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    current = models.DecimalField(_("current value"), max_digits=14, decimal_places=2, null=True, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("current")]),
        FieldRowPanel([FieldPanel("as_of"), FieldPanel("source")]),
    ]
    api_fields = [
        APIField(name) for name in ("name", "unit", "baseline", "target", "current", "as_of", "source")
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("unit"),
        TranslatableField("source"),
        SynchronizedField("baseline"),
        SynchronizedField("target"),
        SynchronizedField("current"),
        SynchronizedField("as_of"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class MeasureCouncilDecision(TranslatableMixin, Orderable):
    """A city council decision (Stadtratsbeschluss) that mandates or funds the measure."""

    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="council_decisions")
    reference = models.CharField(_("reference"), max_length=120, help_text=_("For example 20-26 / V 01234."))
    title = models.CharField(_("title"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)
    panels = [
        FieldRowPanel([FieldPanel("reference"), FieldPanel("decided_on")]),
        FieldPanel("title"),
        FieldPanel("url"),
    ]
    api_fields = [APIField("reference"), APIField("title"), APIField("decided_on"), APIField("url")]
    translatable_fields = [
        SynchronizedField("reference"),
        TranslatableField("title"),
        SynchronizedField("decided_on"),
        SynchronizedField("url"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass
