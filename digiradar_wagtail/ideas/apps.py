"""Citizen ideas for a radar (label ``digiradar_ideas``); needs only the radar app."""

from django.utils.translation import gettext_lazy as _

from ..participation import apps as participation_apps


class DigiradarIdeasConfig(participation_apps.ParticipationAppConfig):
    name = "digiradar_wagtail.ideas"
    verbose_name = _("Citizen ideas")
    permission_policy = ("digiradar_ideas.Idea", "digiradar_wagtail.ideas.permissions.IdeaPermissionPolicy")

    def connect(self):
        from .. import extensions
        from . import front_cache, notifications, views  # noqa: F401  (notifications registers its sent callback)
        from .digest import new_ideas_section
        from .public import measure_note, radar_note

        extensions.register_radar_subpage_type("digiradar_ideas.IdeasPage")
        extensions.register_measure_note("ideas", measure_note)
        extensions.register_radar_note("ideas", radar_note)
        extensions.register_digest_section("ideas", new_ideas_section)
        extensions.register_radar_file("ideas.json", views.ideas_json)
        extensions.register_radar_file("ideas.csv", views.ideas_csv)
        front_cache.connect()
