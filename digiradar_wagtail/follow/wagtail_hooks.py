from django.utils.translation import gettext_lazy as _

from ..participation.admin_reports import register_report_admin
from . import admin_urls
from .permissions import policy

register_report_admin(policy, "digiradar-followers/", admin_urls, _("Followers"), "group", order=910)
