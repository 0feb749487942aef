"""Moderated citizen comments for any Wagtail page, on django-comments-xtd."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarCommentsConfig(AppConfig):
    name = "digiradar_wagtail.comments"
    label = "digiradar_comments"
    verbose_name = _("Citizen comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks)

        signals.connect()
