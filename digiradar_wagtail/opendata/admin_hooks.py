"""Wagtail admin hooks of the open-data package (imported from ``wagtail_hooks``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ImportView
from .forms import radars_for

admin_urlpatterns = ([path("", ImportView.as_view(), name="import")], "digiradar_opendata")


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("digiradar-import/", include(admin_urlpatterns))]


class ImportMenuItem(MenuItem):
    """Shown to editors who may add and edit pages under at least one radar."""

    def is_shown(self, request):
        return radars_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import measures"), reverse("digiradar_opendata:import"), icon_name="upload", order=191
    )
