"""The import's admin URLs, registered under ``/admin/digiradar-import/`` by ``wagtail_hooks``."""

from django.urls import path

from .import_views import ImportView

app_name = "digiradar_opendata"
urlpatterns = [path("", ImportView.as_view(), name="import")]
