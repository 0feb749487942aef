from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarWagtailConfig(AppConfig):
    name = "digiradar_wagtail"  # and so the label
    verbose_name = _("Digitalisation radar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, freshness, mail, signal_handlers  # noqa: F401  (registers checks and connects receivers)
        from .participation import checks as participation_checks  # noqa: F401

        mail.register_sent_callback(freshness.REMINDER_FAILED, freshness.forget_failed_reminder)
