from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .permissions import APP_LABEL, CODENAME, VIEW_COUNTS, policy


@hooks.register("register_admin_urls")
def register_follow_admin_urls():
    return [path("digiradar-followers/", include(admin_urls, namespace="digiradar_follow_admin"))]


class FollowerCountsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.user_has_permission(request.user, VIEW_COUNTS)


@hooks.register("register_reports_menu_item")
def register_follower_counts_menu_item():
    return FollowerCountsMenuItem(
        _("Followers"), reverse("digiradar_follow_admin:report"), icon_name="group", order=910
    )


@hooks.register("register_permissions")
def register_follower_counts_permission():
    """Offer "Can see follower counts" in Wagtail's group editor."""
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)
