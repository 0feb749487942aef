"""
Wagtail hooks of the import: its admin URLs and its menu item.

``opendata`` is a package of the core app, not an app of its own, so Wagtail does not find this
module by itself: ``digiradar_wagtail/wagtail_hooks.py`` imports it.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .permissions import importable_radars


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("digiradar-import/", include(admin_urls))]


class ImportMenuItem(MenuItem):
    """Shown to editors who may add and edit pages under at least one radar."""

    def is_shown(self, request):
        return importable_radars(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import measures"), reverse("digiradar_opendata:import"), icon_name="upload", order=191
    )
