"""
Everything the plugin serves on the public site, in one include placed before Wagtail's page route
(inside ``i18n_patterns`` on a site with several languages)::

    path("", include("digiradar_wagtail.urls")),
    path("", include(wagtail_urls)),

It holds the per-visitor parts of a page cached for everyone (``digiradar/personal/<id>/``), the
radar's open-data files (``<radar URL>export.json``, ``export.csv``, ``feed.atom``, and those the apps
register, such as ``ideas.json``)
and the URLs of each installed sub-app under ``digiradar/``, each app's own URL module with its own
namespace (``digiradar_ratings``, ``digiradar_comments``, ``digiradar_ideas``,
``digiradar_follow``). An app that is not installed adds nothing.
"""

import re

from django.apps import apps
from django.urls import include, path, re_path

from . import views
from .public.personal import personal_parts

SUB_APPS = [
    ("digiradar_wagtail.ratings", "digiradar/ratings/"),
    ("digiradar_wagtail.comments", "digiradar/comments/"),
    ("digiradar_wagtail.ideas", "digiradar/ideas/"),
    ("digiradar_wagtail.follow", "digiradar/follow/"),
]

# The radar's own open-data files and those the apps registered (extensions.register_radar_file).
FILES = views.radar_file_names()

urlpatterns = [path(prefix, include(f"{app}.urls")) for app, prefix in SUB_APPS if apps.is_installed(app)] + [
    path("digiradar/personal/<int:page_id>/", personal_parts, name="digiradar_personal_parts"),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<export>" + "|".join(map(re.escape, FILES)) + ")$",
        views.radar_export,
        name="digiradar_radar_export",
    ),
]
