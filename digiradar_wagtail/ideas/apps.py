"""Citizen ideas for a radar (label ``digiradar_ideas``); needs only the radar app."""

from django.utils.translation import gettext_lazy as _

from ..participation import apps as participation_apps


class DigiradarIdeasConfig(participation_apps.ParticipationAppConfig):
    name = "digiradar_wagtail.ideas"
    label = "digiradar_ideas"
    verbose_name = _("Citizen ideas")
    permission_policy = ("digiradar_ideas.Idea", "digiradar_wagtail.ideas.permissions.IdeaPermissionPolicy")

    def connect(self):
        from django.core import checks as django_checks

        from .. import extensions
        from ..mail import register_sent_callback
        from . import checks, front_cache, notifications, views
        from .digest import new_ideas_section
        from .public import measure_note, radar_note

        django_checks.register(checks.check_settings, django_checks.Tags.compatibility)
        register_sent_callback(notifications.CONFIRMATION_SENT, notifications.mark_confirmation_sent)
        extensions.register_radar_subpage_type("digiradar_ideas.IdeasPage")
        extensions.register_measure_note("ideas", measure_note)
        extensions.register_radar_note("ideas", radar_note)
        extensions.register_digest_section("ideas", new_ideas_section)
        extensions.register_radar_file("ideas.json", views.ideas_json)
        extensions.register_radar_file("ideas.csv", views.ideas_csv)
        front_cache.connect()
