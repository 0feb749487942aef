"""
Bulk moderation from the ideas list: approve or hide the selected ideas. Wagtail's bulk actions
(``register_bulk_action`` in ``wagtail_hooks.py``) at ``/admin/bulk/digiradar_ideas/idea/<action>/``.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..participation.admin import ModerationBulkAction
from . import moderation
from .models import REMOVED, Idea
from .viewsets import idea_viewset


class IdeaBulkAction(ModerationBulkAction):
    """A moderation step for every selected idea (confirmed ones that are not removed)."""

    models = [Idea]
    items_template = "digiradar_ideas/admin/bulk_items.html"
    viewset = idea_viewset
    closed_states = (REMOVED,)
    ordering = ("created_at", "pk")

    @classmethod
    def actionable(cls, queryset):
        return queryset.filter(awaiting_confirmation=False)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d idea changed.", "%(count)d ideas changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ApproveIdeasBulkAction(IdeaBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected ideas")
    action_priority = 10
    moderate = staticmethod(moderation.approve)
    confirmation = {
        "title": _("Approve ideas"),
        "intro": _("These ideas are published:"),
        "action_button_text": _("Yes, approve"),
    }


class HideIdeasBulkAction(IdeaBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected ideas")
    action_priority = 20
    moderate = staticmethod(lambda idea, user: moderation.hide(idea, user, ""))
    confirmation = {
        "title": _("Hide ideas"),
        "intro": _("These ideas are hidden:"),
        "action_button_text": _("Hide"),
        "action_button_class": "serious",
    }
