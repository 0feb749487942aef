"""The radar page and the sectors and rings its editor defines on it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .. import extensions
from ..conf import digiradar_settings
from ..geometry.layout import MAX_RINGS, MAX_SECTORS, MIN_RINGS, MIN_SECTORS
from ..public.shared_cache import SharedCachePageMixin
from ..validators import validate_colour

# The strategy's three core areas and four phases, offered to every new radar: slugs (the same in
# every language), names in the radar's language, colours with 3:1 contrast on white.
DEFAULT_SECTORS = [
    ("stadtgesellschaft", pgettext_lazy("default sector", "City society"), "#1f5fa8"),
    ("infrastruktur", pgettext_lazy("default sector", "Infrastructure"), "#2b7a3d"),
    ("verwaltung", pgettext_lazy("default sector", "Administration"), "#8a3c8f"),
]
DEFAULT_RINGS = [
    ("idee", pgettext_lazy("default phase", "Idea"), "#6b6b6b"),
    ("in-planung", pgettext_lazy("default phase", "Planning"), "#a3550b"),
    ("in-umsetzung", pgettext_lazy("default phase", "In progress"), "#1f5fa8"),
    ("abgeschlossen", pgettext_lazy("default phase", "Completed"), "#2b7a3d"),
]


def default_parts(language_code):
    """
    ``{"sectors": [...], "rings": [...]}``: the default parts of a new radar as dicts of slug,
    name (in ``language_code``) and colour. The one place where a new radar gets them.
    """
    with translation.override(language_code):
        return {
            relation: [{"slug": slug, "name": str(name), "colour": colour} for slug, name, colour in parts]
            for relation, parts in (("sectors", DEFAULT_SECTORS), ("rings", DEFAULT_RINGS))
        }


class RadarPart(TranslatableMixin, Orderable):
    """A sector or a ring: named, described and coloured by the editor, in the editor's order."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in filter URLs; the same in every language.")
    )
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[validate_colour],
        help_text=_("#rrggbb with at least 3:1 contrast against white."),
    )

    panels = [FieldPanel(name) for name in ("name", "slug", "colour", "description")]
    api_fields = [APIField(name) for name in ("name", "slug", "colour", "description")]
    # Name and description are translated; the slug (filter URLs) and the colour are the same in
    # every language.
    translatable_fields = [TranslatableField(name) for name in ("name", "description")] + [
        SynchronizedField(name) for name in ("slug", "colour")
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name


class RadarSector(RadarPart):
    """A core area (Kernbereich) or action field: one slice of the radar."""

    page = ParentalKey("digiradar_wagtail.RadarIndexPage", on_delete=models.CASCADE, related_name="sectors")

    class Meta(RadarPart.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class RadarRing(RadarPart):
    """
    A phase (Status) such as "In Planung". The first ring is the earliest phase and is drawn
    outermost; measures move inwards as they progress, as on a technology radar.
    """

    page = ParentalKey("digiradar_wagtail.RadarIndexPage", on_delete=models.CASCADE, related_name="rings")

    class Meta(RadarPart.Meta):
        verbose_name = _("ring")
        verbose_name_plural = _("rings")


class RadarIndexPageForm(WagtailAdminPageForm):
    """
    Offers a new radar the strategy's three core areas and four phases, and refuses to drop a
    sector or ring that measures still use, or to give two of them one slug.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound or self.instance.pk is not None:
            return
        locale = getattr(self.instance, "locale", None) if self.instance.locale_id else None
        language = locale.language_code if locale else translation.get_language()
        for relation, defaults in default_parts(language).items():
            formset = self.formsets.get(relation)
            if formset is None or formset.initial_form_count():
                continue
            # Blank forms for the defaults, filled in; the editor may change or remove each.
            formset.initial_extra = defaults
            formset.extra = max(0, len(defaults) - (formset.min_num or 0))

    def clean(self):
        cleaned_data = super().clean()
        from .measure import MeasurePage

        for relation, field in (("sectors", "sector"), ("rings", "ring")):
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            slugs = [
                form.cleaned_data.get("slug")
                for form in formset.forms
                if form not in formset.deleted_forms and form.cleaned_data.get("slug")
            ]
            if len(slugs) != len(set(slugs)):
                self.add_error(None, _("Each sector and each ring needs its own slug on this radar."))
            deleted_ids = [form.instance.pk for form in formset.deleted_forms if form.instance.pk]
            if deleted_ids:
                in_use = MeasurePage.objects.filter(**{f"{field}__in": deleted_ids}).count()
                if in_use:
                    self.add_error(
                        None,
                        _(
                            "%(count)d measures still use a sector or ring you removed. "
                            "Move them elsewhere first."
                        )
                        % {"count": in_use},
                    )
        return cleaned_data


# The limits from the layout, filled in when the hint is shown (in the editor's language).
SECTORS_HINT = format_lazy(
    _("{minimum} to {maximum} core areas or action fields, in the order the radar shows them."),
    minimum=MIN_SECTORS,
    maximum=MAX_SECTORS,
)
RINGS_HINT = format_lazy(
    _("{minimum} to {maximum} phases, earliest first; the first ring is drawn outermost."),
    minimum=MIN_RINGS,
    maximum=MAX_RINGS,
)


class RadarIndexPage(SharedCachePageMixin, Page):
    """A Digitalisierungsradar: shows its measure pages sorted by sector and ring."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "sectors", label=_("Sectors"), help_text=SECTORS_HINT, min_num=MIN_SECTORS, max_num=MAX_SECTORS
        ),
        InlinePanel("rings", label=_("Rings"), help_text=RINGS_HINT, min_num=MIN_RINGS, max_num=MAX_RINGS),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("sectors"), APIField("rings")]
    subpage_types = ["digiradar_wagtail.MeasurePage"]
    base_form_class = RadarIndexPageForm
    template = "digiradar_wagtail/radar_index_page.html"

    class Meta:
        verbose_name = _("digitalisation radar")
        verbose_name_plural = _("digitalisation radars")

    def clean(self):
        super().clean()
        # Programmatic saves bypass the InlinePanel's min/max; hold them to the same rule.
        for relation, low, high, label in (
            ("sectors", MIN_SECTORS, MAX_SECTORS, _("sectors")),
            ("rings", MIN_RINGS, MAX_RINGS, _("rings")),
        ):
            count = getattr(self, relation).count()
            if count and not low <= count <= high:
                raise ValidationError(
                    _("A radar needs %(low)d to %(high)d %(label)s, not %(count)d.")
                    % {"low": low, "high": high, "label": label, "count": count}
                )

    def with_default_parts(self):
        """Fill in the strategy's three core areas and four phases (for new radars)."""
        locale = self.locale if self.locale_id else Locale.get_default()
        parts = default_parts(locale.language_code)
        for fields in parts["sectors"]:
            self.sectors.add(RadarSector(**fields, locale=locale))
        for fields in parts["rings"]:
            self.rings.add(RadarRing(**fields, locale=locale))
        return self

    def get_context(self, request, *args, **kwargs):
        from ..public.radar import export_links, render_radar_results

        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = digiradar_settings.BASE_TEMPLATE
        context["results_html"] = render_radar_results(request, self)
        context["export_links"] = export_links(request, self)
        context["follow_url"] = extensions.follow_link(self, request)
        context["page_notes"] = extensions.page_notes("radar", self, request)
        return context
