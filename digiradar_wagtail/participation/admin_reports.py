"""
What the participation apps' Wagtail admin reports share (the ratings report, the follower counts,
the comments queue's export): the CSV/XLSX export with defused cells, and the hooks that put a
report into the admin, for those its ``permissions.OnePermissionPolicy`` allows.
"""

from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ..opendata.columns import defuse


class DefusedExportMixin:
    """
    For a ``ReportView``: the export is named ``<export_name>-<date>``, and every text cell of the
    CSV and XLSX export goes through ``defuse``, so that a spreadsheet never runs it as a formula
    (``=``, ``+``, ``-``, ``@``, tab, carriage return get a leading apostrophe). Numbers stay numbers.
    """

    export_name = None

    def get_filename(self):
        return f"{self.export_name}-{timezone.localdate():%Y-%m-%d}"

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return defuse(value) if isinstance(value, str) else value


class PermittedMenuItem(MenuItem):
    """A menu item shown only to users the policy allows its action."""

    def __init__(self, policy, *args, **kwargs):
        self.policy = policy
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.policy.user_has_permission(request.user, self.policy.action)


def register_report_admin(policy, prefix, urls, label, icon_name, order):
    """
    Put an app's report into the Wagtail admin: ``urls`` (a module with ``app_name`` and a view
    named ``report``) under ``prefix``, an item in the Reports menu for those the ``policy`` allows,
    and the policy's permission in the group editor.
    """
    namespace = urls.app_name

    @hooks.register("register_admin_urls")
    def register_urls():
        return [path(prefix, include(urls, namespace=namespace))]

    @hooks.register("register_reports_menu_item")
    def register_menu_item():
        url = reverse(f"{namespace}:report")
        return PermittedMenuItem(policy, label, url, icon_name=icon_name, order=order)

    @hooks.register("register_permissions")
    def register_permission():
        return policy.permission_rows()
