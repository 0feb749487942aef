from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # django-comments-xtd's own URLs (django_comments_xtd.urls) are deliberately not mounted:
    # they would show pending comments and take posts past the plugin's moderation. The
    # plugin's own confirmation view below is the only one needed (check digiradar_comments.E010).
]

urlpatterns += i18n_patterns(
    # digiradar: everything the plugin serves (open-data files, comment and rating endpoints),
    # in the visitor's language and before Wagtail's page route
    path("", include("digiradar_wagtail.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )
