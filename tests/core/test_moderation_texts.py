"""
The moderation texts the comments and ideas share (participation/log_actions.py, admin.py) are
worded with each model's name and translated when shown, from the radar app's German catalogue.
"""

from django.utils import translation

from digiradar_wagtail.comments.bulk_actions import HideBulkAction
from digiradar_wagtail.comments.moderation import LOG_ACTIONS as COMMENT_LOG_ACTIONS
from digiradar_wagtail.ideas.bulk_actions import ApproveIdeasBulkAction
from digiradar_wagtail.ideas.moderation import LOG_ACTIONS as IDEA_LOG_ACTIONS


def texts(log_action):
    return [str(text) for text in log_action]


def test_log_actions_and_bulk_actions_name_the_item_in_the_language_shown():
    with translation.override("de"):
        assert texts(COMMENT_LOG_ACTIONS["digiradar_comments.to_pending"]) == [
            "Kommentar zurück in die Moderation",
            "Kommentar zurück in der Moderation",
        ]
        assert texts(IDEA_LOG_ACTIONS["digiradar_ideas.approve"]) == ["Idee freigeben", "Idee freigegeben"]
        assert str(ApproveIdeasBulkAction.aria_label) == "Die ausgewählten Ideen freigeben"
        assert str(HideBulkAction.aria_label) == "Die ausgewählten Kommentare ausblenden"
    with translation.override("en"):
        report = COMMENT_LOG_ACTIONS["digiradar_comments.report"]
        assert texts(report) == ["Report comment", "Comment reported"]
        assert str(ApproveIdeasBulkAction.aria_label) == "Approve the selected ideas"
