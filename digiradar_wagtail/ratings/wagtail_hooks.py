from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .permissions import APP_LABEL, CODENAME, MODERATE, policy


@hooks.register("register_admin_urls")
def register_ratings_admin_urls():
    return [path("digiradar-ratings/", include(admin_urls, namespace="digiradar_ratings_admin"))]


class RatingsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.user_has_permission(request.user, MODERATE)


@hooks.register("register_reports_menu_item")
def register_ratings_report_menu_item():
    return RatingsReportMenuItem(
        _("Ratings"), reverse("digiradar_ratings_admin:report"), icon_name="pick", order=900
    )


@hooks.register("register_permissions")
def register_moderate_ratings_permission():
    """Offer "Can moderate ratings" in Wagtail's group editor."""
    return Permission.objects.filter(content_type__app_label=APP_LABEL, codename=CODENAME)


@hooks.register("register_log_actions")
def register_rating_log_actions(actions):
    actions.register_action("digiradar_ratings.void", _("Void votes"), _("Votes voided"))
    actions.register_action("digiradar_ratings.reset", _("Reset rating"), _("Rating reset"))
    actions.register_action("digiradar_ratings.close", _("Close rating"), _("Rating closed"))
    actions.register_action("digiradar_ratings.open", _("Reopen rating"), _("Rating reopened"))
