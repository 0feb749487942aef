"""Admin listings for editors: all measures with their placement, and the taxonomy snippets."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .freshness import stale_q
from .models import Department, MeasurePage, Principle, RadarRing, RadarSector, Topic
from .models.measure import DeliveryStatus


def _slug_choices(model):
    def choices():
        # One choice per slug: the same sector exists once per radar and language.
        seen = {}
        for slug, name in model.objects.order_by("slug", "pk").values_list("slug", "name"):
            seen.setdefault(slug, name)
        return list(seen.items())

    return choices


class MeasureFilterSet(PageFilterSet):
    sector = django_filters.ChoiceFilter(
        field_name="sector__slug", label=_("Sector"), choices=_slug_choices(RadarSector)
    )
    ring = django_filters.ChoiceFilter(
        field_name="ring__slug", label=_("Ring"), choices=_slug_choices(RadarRing)
    )
    delivery_status = django_filters.ChoiceFilter(label=_("Delivery status"), choices=DeliveryStatus.choices)
    lead_department = django_filters.ModelChoiceFilter(
        label=_("Lead department"), queryset=Department.objects.all()
    )
    progress = django_filters.ChoiceFilter(
        label=_("Progress"),
        choices=[("stale", _("Stale")), ("current", _("Current"))],
        method="filter_progress",
    )

    def filter_progress(self, queryset, name, value):
        return queryset.filter(stale_q()) if value == "stale" else queryset.exclude(stale_q())

    class Meta:
        model = MeasurePage
        fields = []


class ProgressAsOfColumn(Column):
    """The "progress as of" date, with a "stale" tag (DIGIRADAR_STALE_PROGRESS_DAYS)."""

    cell_template_name = "digiradar_wagtail/admin/progress_as_of_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["stale"] = instance.progress_is_stale
        return context


class MeasureIndexView(IndexView):
    def annotate_queryset(self, pages):
        # Sector and ring of every row in two queries, not two per measure.
        return super().annotate_queryset(pages).prefetch_related("sector", "ring")


class MeasureListingViewSet(PageListingViewSet):
    """Admin menu "Measures": every measure of every radar, with placement and progress."""

    model = MeasurePage
    icon = "crosshairs"
    menu_label = _("Measures")
    menu_order = 190
    add_to_admin_menu = True
    name = "digiradar_measures"
    filterset_class = MeasureFilterSet
    index_view_class = MeasureIndexView
    # Wagtail's own title, parent, updated and status columns around the radar's; the language
    # shows as Wagtail's locale badge beside the title.
    columns = (
        [column for column in IndexView.base_columns if column.name in ("bulk_actions", "title", "parent")]
        + [
            Column("sector", label=_("Sector"), sort_key="sector__name", width="10%"),
            Column("ring", label=_("Ring"), sort_key="ring__name", width="10%"),
            Column("progress_percent", label=_("Progress (%)"), sort_key="progress_percent", width="7%"),
            ProgressAsOfColumn(
                "progress_as_of", label=_("Progress as of"), sort_key="progress_as_of", width="10%"
            ),
            Column(
                "delivery_status", label=_("Delivery"), accessor="get_delivery_status_display", width="9%"
            ),
        ]
        + [
            column
            for column in IndexView.base_columns
            if column.name in ("latest_revision_created_at", "status")
        ]
    )


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]
    list_filter = ["locale"]


class DepartmentViewSet(TaxonomyViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "abbreviation", "slug", "locale"]


class PrincipleViewSet(TaxonomyViewSet):
    model = Principle
    icon = "success"


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    icon = "tag"


class RadarTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Radar terms")
    menu_icon = "list-ul"
    menu_order = 191
    items = (DepartmentViewSet, PrincipleViewSet, TopicViewSet)
