"""
Bulk moderation from the ideas list: approve or hide the selected ideas. Wagtail's bulk actions
(``register_bulk_action`` in ``wagtail_hooks.py``) at ``/admin/bulk/digiradar_ideas/idea/<action>/``.
"""

from django.utils.translation import gettext_lazy as _

from ..participation import admin as shared_admin
from . import moderation
from .models import REMOVED, Idea
from .viewsets import idea_viewset


class IdeaBulkAction(shared_admin.ModerationBulkAction):
    """A moderation step for every selected idea (confirmed ones that are not removed)."""

    models = [Idea]
    items_template = "digiradar_ideas/admin/bulk_items.html"
    viewset = idea_viewset
    closed_states = (REMOVED,)
    ordering = ("created_at", "pk")
    nothing_actionable = _("No idea that can still be changed was selected.")

    @classmethod
    def actionable(cls, queryset):
        return queryset.filter(awaiting_confirmation=False)


class ApproveIdeasBulkAction(IdeaBulkAction, shared_admin.ApproveBulkAction):
    moderate_many = staticmethod(moderation.approve_many)


class HideIdeasBulkAction(IdeaBulkAction, shared_admin.HideBulkAction):
    moderate_many = staticmethod(moderation.hide_many)
