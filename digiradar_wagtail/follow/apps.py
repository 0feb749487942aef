"""Follow a measure, a radar or a sector by mail (double opt-in) or, logged in, with one click."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigiradarFollowConfig(AppConfig):
    name = "digiradar_wagtail.follow"
    label = "digiradar_follow"
    verbose_name = _("Followers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks as django_checks
        from wagtail.permissions import register_permission_policy

        from .. import extensions
        from ..mail import register_sent_callback
        from ..signals import subject_changed
        from . import checks, mails, notify, subjects
        from .models import Subscription
        from .permissions import policy

        django_checks.register(checks.check_settings, django_checks.Tags.compatibility)
        register_permission_policy(Subscription, policy)
        register_sent_callback(mails.SENT, mails.mark_sent)
        subject_changed.connect(notify.on_subject_changed, dispatch_uid="digiradar_follow_notify")
        extensions.register_follow_link(subjects.follow_url)
