"""Wagtail admin integration of the ideas: the viewset, bulk actions and audit-log actions."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .bulk_actions import ApproveIdeasBulkAction, HideIdeasBulkAction
from .moderation import LOG_ACTIONS
from .viewsets import idea_viewset


@hooks.register("register_admin_viewset")
def register_idea_viewset():
    return idea_viewset


hooks.register("register_bulk_action", ApproveIdeasBulkAction)
hooks.register("register_bulk_action", HideIdeasBulkAction)


class IdeaLogFormatter(LogFormatter):
    """An audit-log line of an idea, with the moderator's reason or the city's answer."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        detail = data.get("reason") or data.get("text")
        return f"{self.message}: {detail}" if detail else str(self.message)


@hooks.register("register_log_actions")
def register_idea_log_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        formatter = type("IdeaLogFormatter", (IdeaLogFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)
