"""System checks for the comment sub-app's settings."""

from django.conf import settings
from django.core.checks import Error, Warning, register

MODEL = "digiradar_wagtail.comments.models.Comment"


@register()
def check_comment_model(app_configs=None, **kwargs):
    messages = []
    if getattr(settings, "COMMENTS_XTD_MODEL", None) != MODEL:
        messages.append(
            Error(
                f"COMMENTS_XTD_MODEL must be '{MODEL}'.",
                hint="Comments carry a moderation state of their own: set COMMENTS_XTD_MODEL.",
                id="digiradar_comments.E001",
            )
        )
    if getattr(settings, "COMMENTS_XTD_THREADED_EMAILS", True):
        messages.append(
            Warning(
                "COMMENTS_XTD_THREADED_EMAILS is on: django-comments-xtd sends mail in threads.",
                hint="Set COMMENTS_XTD_THREADED_EMAILS = False.",
                id="digiradar_comments.W001",
            )
        )
    return messages
