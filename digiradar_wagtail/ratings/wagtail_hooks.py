from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ..participation.admin_reports import register_report_admin
from . import admin_urls
from .permissions import policy

register_report_admin(policy, "digiradar-ratings/", admin_urls, _("Ratings"), "pick", order=900)


@hooks.register("register_log_actions")
def register_rating_log_actions(actions):
    actions.register_action("digiradar_ratings.void", _("Void votes"), _("Votes voided"))
    actions.register_action("digiradar_ratings.reset", _("Reset rating"), _("Rating reset"))
    actions.register_action("digiradar_ratings.close", _("Close rating"), _("Rating closed"))
    actions.register_action("digiradar_ratings.open", _("Reopen rating"), _("Rating reopened"))
