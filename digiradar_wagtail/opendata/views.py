"""Export views, routed from ``RadarIndexPage``. Implemented by the open-data work."""

from django.http import Http404


def export_json(request, radar):
    raise Http404


def export_csv(request, radar):
    raise Http404


def feed_atom(request, radar):
    raise Http404
