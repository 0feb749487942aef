from django.apps import apps
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [path("admin/", include(wagtailadmin_urls))]
plugin = []
if apps.is_installed("digiradar_wagtail.comments"):
    plugin.append(path("digiradar/comments/", include("digiradar_wagtail.comments.urls")))
if apps.is_installed("digiradar_wagtail.ratings"):
    plugin.append(path("digiradar/ratings/", include("digiradar_wagtail.ratings.urls")))
urlpatterns += i18n_patterns(
    *plugin,
    path("", include("digiradar_wagtail.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
