"""Moderated citizen comments for any Wagtail page, on django-comments-xtd."""

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

REQUIRED_APPS = ("django.contrib.sites", "django_comments_xtd", "django_comments")


class DigiradarCommentsConfig(AppConfig):
    name = "digiradar_wagtail.comments"
    label = "digiradar_comments"
    verbose_name = _("Citizen comments")
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self):
        # Our models subclass django-comments-xtd's: without its apps Django would stop with a
        # puzzling error while importing them, before any system check could say what is missing.
        missing = [app for app in REQUIRED_APPS if not self.apps.is_installed(app)]
        if missing:
            raise ImproperlyConfigured(
                "digiradar_wagtail.E002: 'digiradar_wagtail.comments' needs "
                + ", ".join(f"'{app}'" for app in missing)
                + " in INSTALLED_APPS (add 'django.contrib.sites', 'django_comments_xtd' and "
                "'django_comments', in that order)."
            )
        super().import_models()

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .. import extensions
        from ..mail import register_sent_callback
        from . import checks, front_cache, notifications, signal_handlers  # noqa: F401  (checks register themselves)
        from .blocks import render_comments_block
        from .digest import comments_section
        from .models import Comment
        from .permissions import CommentPermissionPolicy

        register_permission_policy(Comment, CommentPermissionPolicy(Comment))
        register_sent_callback(notifications.CONFIRMATION_SENT, notifications.mark_confirmation_sent)
        register_sent_callback(notifications.MODERATORS_NOTIFIED, notifications.mark_moderators_notified)
        signal_handlers.connect()
        front_cache.connect()
        extensions.register_block_renderer("comments", render_comments_block)
        extensions.register_digest_section("comments", comments_section)
