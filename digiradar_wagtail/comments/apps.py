"""Moderated citizen comments for any Wagtail page, on django-comments-xtd."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ..participation import apps as participation_apps

REQUIRED_APPS = ("django.contrib.sites", "django_comments_xtd", "django_comments")


class DigiradarCommentsConfig(participation_apps.ParticipationAppConfig):
    name = "digiradar_wagtail.comments"
    verbose_name = _("Citizen comments")
    block_renderer = ("comments", "digiradar_wagtail.comments.blocks.render_comments_block")
    permission_policy = (
        "digiradar_comments.Comment",
        "digiradar_wagtail.comments.permissions.CommentPermissionPolicy",
    )

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

    def connect(self):
        from .. import extensions
        from . import front_cache, notifications, signal_handlers  # noqa: F401  (sent callbacks, checks)
        from .digest import comments_section

        signal_handlers.connect()
        front_cache.connect()
        extensions.register_digest_section("comments", comments_section)
