"""
The radar's open-data views under the radar's URL: ``export.json``, ``export.csv`` and
``feed.atom`` (routed by ``digiradar_wagtail.views.radar_export``). All three filter through
:func:`digiradar_wagtail.public.filters.filter_measures` and speak the radar page's language.
A measure has a ``feed.atom`` of its own under its URL: its changes of ring and progress, the
no-mail way to follow it.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from ..public.filters import filter_measures
from ..public.page_urls import file_url
from . import records as records_module
from .writers import atom_feed, export_document, write_csv

FEED_LIMIT = 100
CSV_DELIMITERS = {"comma": ",", "semicolon": ";"}


def export_urls(radar, querystring="", request=None):
    """
    ``{"page", "json", "csv", "atom"}``: absolute URLs of the radar and its exports on the host
    that served ``request``, carrying ``querystring`` (a filter result's ``.querystring``).
    """
    base = records_module.absolute_url(radar, request)
    suffix = f"?{querystring}" if querystring else ""
    return {
        "page": base + suffix,
        "json": file_url(base, "export.json") + suffix,
        "csv": file_url(base, "export.csv") + suffix,
        "atom": file_url(base, "feed.atom") + suffix,
    }


def _filtered_records(request, radar, with_aggregates=False):
    result = filter_measures(radar, request.GET, with_choices=False)
    records = records_module.collect(radar, result.measures, request, with_aggregates=with_aggregates)
    return result, records, export_urls(radar, result.querystring, request)


def export_json(request, radar):
    with translation.override(radar.locale.language_code):
        result, records, urls = _filtered_records(request, radar, with_aggregates=True)
        document = export_document(
            radar, list(radar.sectors.all()), list(radar.rings.all()), records, result, urls
        )
    response = JsonResponse(document, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may fetch it
    response["Content-Language"] = radar.locale.language_code
    return response


def export_csv(request, radar):
    delimiter = CSV_DELIMITERS.get(request.GET.get("sep", ""), ",")
    with translation.override(radar.locale.language_code):
        result, records, urls = _filtered_records(request, radar)
        text = write_csv(records, delimiter=delimiter)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{radar.slug}-{radar.locale.language_code}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Language"] = radar.locale.language_code
    return response


def feed_atom(request, radar):
    with translation.override(radar.locale.language_code):
        result, records, urls = _filtered_records(request, radar)
        body = atom_feed(radar, records, list(radar.rings.all()), urls, FEED_LIMIT)
    return _atom_response(body, radar.locale.language_code)


def _atom_response(body, language):
    response = HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Language"] = language
    return response


def measure_feed_atom(request, measure):
    """``<measure URL>feed.atom``: the measure's own changes of ring and progress."""
    radar = measure.get_parent().specific
    language = measure.locale.language_code
    with translation.override(language):
        records = records_module.collect(radar, [measure], request)
        url = records_module.absolute_url(measure, request)
        urls = {"page": url, "atom": f"{url}feed.atom"}
        title = _("%(measure)s: changes") % {"measure": measure.title}
        body = atom_feed(radar, records, list(radar.rings.all()), urls, FEED_LIMIT, title=title)
    return _atom_response(body, language)
