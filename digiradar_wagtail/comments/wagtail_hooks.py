"""Wagtail admin integration: the moderation queue, its menu item, dashboard panel and log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_urls
from .admin_views import pending_summary, user_can_moderate
from .moderation import LOG_ACTIONS


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("digiradar-comments/", include(admin_urls, namespace="digiradar_comments_admin"))]


class CommentsMenuItem(MenuItem):
    """ "Comments" in the admin menu, with the number of comments waiting for moderation."""

    def is_shown(self, request):
        return user_can_moderate(request.user)

    def render_component(self, request):
        count = pending_summary()[0]
        label = _("Comments (%(count)d pending)") % {"count": count} if count else _("Comments")
        component = super().render_component(request)
        component.label = label
        return component


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        _("Comments"),
        reverse("digiradar_comments_admin:queue"),
        name="digiradar-comments",
        icon_name="comment",
        order=250,
    )


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


class PendingCommentsPanel(Component):
    """Dashboard panel: how many comments wait, and for how long the oldest has waited."""

    name = "digiradar_pending_comments"
    template_name = "digiradar_comments/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        count, age, oldest = pending_summary()
        return {
            "count": count,
            "oldest": oldest,
            "age": age,
            "queue_url": reverse("digiradar_comments_admin:queue"),
        }


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if user_can_moderate(request.user):
        panels.append(PendingCommentsPanel())
