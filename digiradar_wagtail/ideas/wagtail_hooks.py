"""Wagtail admin integration of the ideas: the viewset, bulk actions and audit-log actions."""

from ..participation.admin import register_hooks
from .bulk_actions import ApproveIdeasBulkAction, HideIdeasBulkAction
from .moderation import LOG_ACTIONS
from .viewsets import idea_viewset

# A log line shows the moderator's reason or the city's answer.
register_hooks(idea_viewset, [ApproveIdeasBulkAction, HideIdeasBulkAction], LOG_ACTIONS, ("reason", "text"))
