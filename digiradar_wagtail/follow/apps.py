"""Follow a measure, a radar or a sector by mail (double opt-in) or, logged in, with one click."""

from django.utils.translation import gettext_lazy as _

from ..participation import apps as participation_apps


class DigiradarFollowConfig(participation_apps.ParticipationAppConfig):
    name = "digiradar_wagtail.follow"
    label = "digiradar_follow"
    verbose_name = _("Followers")
    permission_policy = ("digiradar_follow.Subscription", "digiradar_wagtail.follow.permissions.policy")

    def connect(self):
        from django.core import checks as django_checks

        from .. import extensions
        from ..mail import register_sent_callback
        from ..signals import subject_changed
        from . import checks, mails, notify, subjects

        django_checks.register(checks.check_settings, django_checks.Tags.compatibility)
        register_sent_callback(mails.SENT, mails.mark_sent)
        subject_changed.connect(notify.on_subject_changed, dispatch_uid="digiradar_follow_notify")
        extensions.register_follow_link(subjects.follow_url)
