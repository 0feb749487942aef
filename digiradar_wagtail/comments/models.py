"""
The data of a discussion: one :class:`Discussion` per page across its translations, the comments
in it (django-comments-xtd's threaded comment with a moderation state of our own) and reports.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting

from ..models.links import optional_link
from ..participation.moderation import ModerationState, Report, ReportReason
from ..participation.signed_links import new_nonce

State = ModerationState  # shared with the ideas app (participation/moderation.py)
PENDING, PUBLISHED, HIDDEN, REMOVED = State  # the names the rest of the sub-app imports


def visibility_for(state):
    """How a state maps onto django_comments' ``is_public`` and ``is_removed`` flags."""
    return {
        "is_public": state in (PUBLISHED, REMOVED),
        "is_removed": state == REMOVED,
    }


class Discussion(models.Model):
    """
    The thread of one page in all its languages: comments attach here, not to a page, so that
    the German and English versions of a measure show the same comments.
    """

    translation_key = models.UUIDField(_("translation key"), unique=True, editable=False)
    page = optional_link(
        "wagtailcore.Page",
        _("page"),
        help_text=_("The page the discussion was first opened on; any translation shows it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self):
        return self.page.title if self.page_id and self.page else str(self.translation_key)

    @classmethod
    def for_page(cls, page):
        """The discussion of ``page`` (created on first use), shared by all its translations."""
        discussion, _ = cls.objects.get_or_create(
            translation_key=page.translation_key, defaults={"page_id": page.pk}
        )
        return discussion

    def get_absolute_url(self):
        return self.page.url if self.page_id and self.page else "/"

    @classmethod
    def of_comment(cls, comment):
        """The discussion ``comment`` belongs to (with its page), or None for a foreign comment."""
        if comment.content_type_id != ContentType.objects.get_for_model(cls).pk:
            return None
        return cls.objects.filter(pk=comment.object_pk).select_related("page").first()


class Comment(XtdComment):
    """
    A citizen's comment (or the city's reply) with its moderation state.

    ``state`` is the truth; ``is_public`` and ``is_removed`` are kept in step with it so that
    django_comments' own helpers agree. No IP address is ever stored.
    """

    xtdcomment_ptr = models.OneToOneField(
        XtdComment,
        parent_link=True,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="digiradar_comment",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    is_official = models.BooleanField(_("city's reply"), default=False)
    moderation_reason = models.TextField(_("reason"), blank=True)
    # Why the comment went to pre-moderation although the site runs post-moderation.
    held_for = models.CharField(_("held for review because of"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    notified_at = models.DateTimeField(_("moderators notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comments", _("Can moderate comments"))]

    def __str__(self):
        return f"#{self.pk}"

    def save(self, *args, **kwargs):
        # django_comments copies REMOTE_ADDR into ip_address; we keep none, whatever the code path.
        self.ip_address = None
        for field, value in visibility_for(self.state).items():
            setattr(self, field, value)
        super().save(*args, **kwargs)

    def get_absolute_url(self, anchor_pattern="#c%(id)s"):
        discussion = Discussion.of_comment(self)
        base = discussion.get_absolute_url() if discussion else "/"
        return base + anchor_pattern % {"id": self.pk}


class CommentReport(Report):
    """A report (flag) of a comment: one per person, with a reason."""

    SPAM, ABUSE, OFF_TOPIC, PRIVACY, OTHER = ReportReason

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")

    class Meta(Report.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="digiradar_comments_one_report_per_person"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (#{self.comment_id})"


CONFIRM_DAYS = 7


class PendingConfirmationQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(created_at__lt=timezone.now() - datetime.timedelta(days=CONFIRM_DAYS))

    def unsent(self):
        """Rows, not yet expired, whose confirmation mail has not gone out."""
        return self.filter(
            mail_sent_at__isnull=True,
            created_at__gte=timezone.now() - datetime.timedelta(days=CONFIRM_DAYS),
        )


class PendingConfirmation(models.Model):
    """
    An anonymous comment waiting for its author to open the link in the confirmation mail.

    The link carries only this row's id and its random nonce (signed as JSON); the comment
    itself stays here until the link is opened, then the row is deleted, so a link works once.
    Rows older than ``CONFIRM_DAYS`` are expired and deleted on access and by
    ``digiradar_anonymise_comments``.
    """

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64, default=new_nonce, editable=False)
    user_name = models.CharField(_("name"), max_length=50)
    user_email = models.EmailField(_("email address"), max_length=254, db_index=True)
    comment = models.TextField(_("comment"))
    parent_id = models.PositiveIntegerField(default=0)
    site_id = models.PositiveIntegerField(default=1)
    language = models.CharField(_("language"), max_length=12, blank=True)
    submit_date = models.DateTimeField(_("written at"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    # Empty while the confirmation mail has not gone out (the mail server refused it, say): the
    # same post again, or ``digiradar_comments_resend``, sends it then.
    mail_sent_at = models.DateTimeField(_("confirmation mail sent at"), null=True, blank=True)

    objects = PendingConfirmationQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment awaiting confirmation")
        verbose_name_plural = _("comments awaiting confirmation")

    def __str__(self):
        return f"#{self.pk}"

    @property
    def is_expired(self):
        return self.created_at < timezone.now() - datetime.timedelta(days=CONFIRM_DAYS)


class CommentsPrivacySetting(BaseSiteSetting):
    """
    The privacy page the consent checkbox of the comment form links to, chosen per site in the
    admin (Settings > Privacy page for comments). Used only when ``wagtail.contrib.settings`` is
    installed; without it, or while no page is chosen, ``DIGIRADAR_PRIVACY_URL`` is linked.
    """

    privacy_page = optional_link(
        "wagtailcore.Page",
        _("privacy page"),
        help_text=_(
            "The page the consent checkbox of the comment form links to; visitors see its "
            "translation in their language where there is one. Empty: DIGIRADAR_PRIVACY_URL."
        ),
    )

    select_related = ["privacy_page"]
    panels = [FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("privacy page for comments")
        verbose_name_plural = _("privacy pages for comments")


if apps.is_installed("wagtail.contrib.settings"):
    from wagtail.contrib.settings.registry import register_setting

    register_setting(CommentsPrivacySetting, icon="lock")
