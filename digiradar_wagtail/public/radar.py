"""The radar page's content: filter form, SVG radar and list, rendered once per filter and cached."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .. import extensions
from ..conf import digiradar_settings
from ..opendata.views import export_urls
from .chart import build_chart
from .filters import TEXT_PARAMETER, filter_measures, names_existing_terms, normalise_params, querystring
from .fragment_cache import cached_fragment, may_store
from .listing import listed_measures, live_measures, radar_listing
from .page_urls import child_url
from .svg import render_blips

# Up to this many measures the list beside the whole radar shows each one's teaser and progress
# bar; a longer list shows number, title and flags and leaves the rest to the sector views, so
# that a radar of 200 measures stays a page of less than 150 KB and one of 1,000 less than 400 KB.
LIST_DETAIL_LIMIT = 100

FILTER_LABELS = {
    "sector": _("Sectors"),
    "ring": _("Phases"),
    "department": _("Departments"),
    "topic": _("Topics"),
    "principle": _("Principles"),
}


def _filter_groups(result):
    groups = []
    for name, label in FILTER_LABELS.items():
        selected = set(result.params.get(name, []))
        options = [
            {"slug": slug, "name": option_name, "checked": slug in selected}
            for slug, option_name in result.choices.get(name, [])
        ]
        groups.append({"name": name, "label": label, "options": options, "selected": len(selected)})
    return groups


def one_sector(sectors, params):
    """The sector that ``params`` name alone (``?sector=<slug>`` once), drawn as its own view."""
    chosen = params.get("sector", [])
    if len(chosen) != 1:
        return None
    return next((sector for sector in sectors if sector.slug == chosen[0]), None)


def render_radar_results(request, radar):
    """Filter form, radar and list for ``request.GET``; the query count does not grow with measures."""

    def render():
        sectors, rings = list(radar.sectors.all()), list(radar.rings.all())
        result = filter_measures(
            radar, request.GET, load=lambda measures: listed_measures(measures, sectors, rings)
        )
        sector = one_sector(sectors, result.params)
        # In one sector's view the sector filter is the view itself: dim only for the other filters.
        dimming = {name for name in result.params if name != "sector" or sector is None}
        chart = build_chart(
            sectors,
            rings,
            result.all_measures,
            matching_ids=result.matching_ids if dimming else None,
            sector=sector,
            measure_keys=live_measures(radar).values("translation_key"),
        )
        numbers = chart.numbers
        markers = {blip.measure.pk: blip.marker for blip in chart.blips}
        radar_url = radar.get_url(request=request)
        for measure in result.all_measures:
            measure.radar_url = child_url(radar_url, radar.url_path, measure.url_path)
        for measure in result.measures:
            measure.radar_number = numbers.get(measure.pk)
            measure.radar_marker = markers.get(measure.pk, "")
        context = {
            "page": radar,
            "page_url": radar.url,
            "chart": chart,
            "blips_html": render_blips(chart),
            "rings": rings,
            "sector_view": sector,
            "sector_follow_url": extensions.follow_link((radar, sector)) if sector else None,
            # Teasers and progress bars in the list, unless it is long: then in a sector's view.
            "list_detailed": sector is not None or len(result.measures) <= LIST_DETAIL_LIMIT,
            "sector_links": sector_links(radar.url, sectors, result.all_measures, sector),
            "listing": radar_listing(radar, result.measures, sectors=sectors, rings=rings),
            "total": len(result.all_measures),
            "filter_active": result.is_active,
            "filter_q": " ".join(result.params.get("q", [])),
            "filter_groups": _filter_groups(result),
            # The legend's "not matching the filter" mark: only where marks are dimmed.
            "filtered": bool(dimming),
            "marker_days": digiradar_settings.HISTORY_MARKER_DAYS,
        }
        return render_to_string("digiradar_wagtail/includes/radar_results.html", context)

    normalised = normalise_params(request.GET)
    if not normalised:
        store = True
    elif TEXT_PARAMETER in normalised or not names_existing_terms(radar, normalised):
        store = False  # free text and unknown slugs would let anyone fill the cache
    else:
        store = lambda: may_store(request)  # noqa: E731  (asked only on a miss)
    html = cached_fragment(radar.pk, get_language(), querystring(normalised), render, store=store)
    return mark_safe(html)  # rendered by our template


def sector_links(page_url, sectors, measures, current):
    """The sector switcher above the radar: the whole radar, then each sector's own view."""
    counts = {}
    for measure in measures:
        counts[measure.sector_id] = counts.get(measure.sector_id, 0) + 1
    links = [{"url": page_url, "name": None, "count": len(measures), "current": current is None}]
    for sector in sectors:
        links.append(
            {
                "url": f"{page_url}?{querystring({'sector': [sector.slug]})}",
                "name": sector.name,
                "colour": sector.colour,
                "count": counts.get(sector.pk, 0),
                "current": current is not None and current.pk == sector.pk,
            }
        )
    return links


EXPORTS = [
    ("json", "application/json", _("All shown measures as JSON")),
    ("csv", "text/csv", _("All shown measures as CSV (opens in Excel)")),
    ("atom", "application/atom+xml", _("Changes of phase and progress (Atom feed)")),
]


def export_links(request, radar):
    """The radar's open-data URLs, carrying the current filter."""
    urls = export_urls(radar, querystring(normalise_params(request.GET)), request)
    return [{"url": urls[key], "type": mime, "title": title} for key, mime, title in EXPORTS]
