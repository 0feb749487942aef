"""
The radar's open-data files at ``<radar URL>export.json``, ``export.csv`` and ``feed.atom``.

Wagtail's page URLs allow no dots, so these files get a URL pattern of their own
(``digiradar_wagtail.urls``) that finds the radar page by its path.
"""

from django.http import Http404
from wagtail.models import Site

from . import extensions
from .models import MeasurePage, RadarIndexPage
from .opendata import views as opendata_views
from .public.shared_cache import serve_for_cache


def _radar_files():
    return {
        **extensions.radar_files(),  # never in place of the radar's own
        "export.json": opendata_views.export_json,
        "export.csv": opendata_views.export_csv,
        "feed.atom": opendata_views.feed_atom,
    }


def radar_file_names():
    """The file names served next to a radar: its own exports and those the apps registered."""
    return list(_radar_files())


def radar_export(request, page_path, export):
    """
    Serve ``<radar URL>export.json`` (or ``export.csv``, ``feed.atom``), and a measure's own
    ``<measure URL>feed.atom``.

    Wagtail's page URLs allow no dots, so these files get a URL pattern of their own that finds
    the radar page by its path, as Wagtail's ``serve`` view does, and only serves public radars.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in page_path.split("/") if component]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    radar = page.specific
    if not radar.live or radar.get_view_restrictions().exists():
        raise Http404
    if isinstance(radar, MeasurePage) and export == "feed.atom":  # a measure's own feed
        return serve_for_cache(request, lambda: opendata_views.measure_feed_atom(request, radar))
    if not isinstance(radar, RadarIndexPage):
        raise Http404
    handler = _radar_files()[export]
    return serve_for_cache(request, lambda: handler(request, radar))
