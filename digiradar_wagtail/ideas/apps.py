"""Citizen ideas for a radar (label ``digiradar_ideas``); needs only the radar app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarIdeasConfig(AppConfig):
    name = "digiradar_wagtail.ideas"
    label = "digiradar_ideas"
    verbose_name = _("Citizen ideas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks as django_checks
        from wagtail.permissions import register_permission_policy

        from .. import extensions
        from ..mail import register_sent_callback
        from . import checks, front_cache, notifications, views
        from .digest import new_ideas_section
        from .models import Idea
        from .permissions import IdeaPermissionPolicy
        from .public import measure_note, radar_note

        django_checks.register(checks.check_settings, django_checks.Tags.compatibility)
        register_permission_policy(Idea, IdeaPermissionPolicy(Idea))
        register_sent_callback(notifications.CONFIRMATION_SENT, notifications.mark_confirmation_sent)
        extensions.register_radar_subpage_type("digiradar_ideas.IdeasPage")
        extensions.register_measure_note("ideas", measure_note)
        extensions.register_radar_note("ideas", radar_note)
        extensions.register_digest_section("ideas", new_ideas_section)
        extensions.register_radar_file("ideas.json", views.ideas_json)
        extensions.register_radar_file("ideas.csv", views.ideas_csv)
        front_cache.connect()
