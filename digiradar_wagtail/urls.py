"""
URLs an installer includes just before Wagtail's own (inside ``i18n_patterns`` if the site has
languages)::

    path("", include("digiradar_wagtail.urls")),
    path("", include(wagtail_urls)),
"""

from django.urls import re_path

from . import views

app_name = "digiradar_wagtail"
urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<export>export\.json|export\.csv|feed\.atom)$",
        views.radar_export,
        name="radar_export",
    ),
]
