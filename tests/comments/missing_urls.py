"""URLs without the comment endpoints."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = i18n_patterns(
    path("digiradar/ratings/", include("digiradar_wagtail.ratings.urls")),
    path("", include("digiradar_wagtail.urls")),
    path("", include(wagtail_urls)),
)
