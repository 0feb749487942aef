"""URLs without the rating endpoint."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = i18n_patterns(
    path("digiradar/comments/", include("digiradar_wagtail.comments.urls")),
    path("", include("digiradar_wagtail.urls")),
    path("", include(wagtail_urls)),
)
