"""Follow a measure, a radar or a sector by mail (double opt-in) or, logged in, with one click."""

from django.utils.translation import gettext_lazy as _

from ..participation import apps as participation_apps


class DigiradarFollowConfig(participation_apps.ParticipationAppConfig):
    name = "digiradar_wagtail.follow"
    verbose_name = _("Followers")
    permission_policy = ("digiradar_follow.Subscription", "digiradar_wagtail.follow.permissions.policy")

    def connect(self):
        from .. import extensions
        from ..signals import subject_changed
        from . import mails, notify, subjects  # noqa: F401  (mails registers its sent callback)

        subject_changed.connect(notify.on_subject_changed, dispatch_uid="digiradar_follow_notify")
        extensions.register_follow_link(subjects.follow_url)
