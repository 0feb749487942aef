"""Forms of the comment sub-app: the public comment and report forms and the moderators' forms
(the queue's filters are in ``filters.py``, bulk hiding's reason in ``bulk_actions.py``)."""

import datetime

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from ..participation.forms import AccessibleErrorsMixin, author_fields, within_link_limit
from ..participation.forms import ReportForm as BaseReportForm
from . import spam
from .conf import comments_settings
from .models import PUBLISHED, Comment, Discussion, PendingConfirmation


def display_name(user):
    return (user.get_full_name() or user.get_username())[:50]


class CommentForm(AccessibleErrorsMixin, XtdCommentForm):
    """
    django-comments-xtd's form (honeypot, timestamp, security hash, reply_to) with consent,
    our length and link limits and duplicate detection. Logged-in users post under their name.
    """

    page = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, target_object, data=None, initial=None, user=None, **kwargs):
        kwargs.setdefault("auto_id", "digiradar-comment-%s")
        super().__init__(target_object, data=data, initial=initial, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        for name in ("url", "followup"):
            del self.fields[name]
        max_length = comments_settings.COMMENTS_MAX_LENGTH
        self.fields["comment"] = forms.CharField(
            label=_("Your comment"),
            max_length=max_length,
            help_text=_("At most %(count)s characters. Links are checked by a moderator.")
            % {"count": max_length},
            widget=forms.Textarea(attrs={"rows": 6}),
        )
        if self.user:
            del self.fields["name"]
            del self.fields["email"]
        else:
            self.fields["name"], self.fields["email"] = author_fields(
                _("Shown with your comment. A first name or a pseudonym is fine."),
                _("Not published. We send you a link to confirm your comment."),
            )
        self.fields["honeypot"].label = _("Leave this field empty")
        self.fields["consent"] = forms.BooleanField(
            label=_("I have read the privacy notice and agree that my comment is stored and published."),
            help_text=_("Read the privacy notice"),
            error_messages={"required": _("Please agree to the privacy notice to post a comment.")},
        )
        self.help_ids()

    def clean_timestamp(self):
        # django_comments subtracts the value from time.time(): a 400-digit number would raise
        # OverflowError there. Anything outside a plausible range is a forged form.
        timestamp = self.cleaned_data["timestamp"]
        if not 0 < timestamp < 2**40:
            raise forms.ValidationError(_("The form was changed or is too old. Please reload the page."))
        return super().clean_timestamp()

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a comment."))
        return within_link_limit(text, comments_settings.COMMENTS_MAX_LINKS)

    def clean_reply_to(self):
        parent_id = self.cleaned_data["reply_to"] or 0
        if not parent_id:
            return 0
        parent = Comment.objects.filter(
            pk=parent_id,
            content_type=ContentType.objects.get_for_model(Discussion),
            object_pk=str(self.target_object.pk),
            state=PUBLISHED,
        ).first()
        if parent is None:
            raise forms.ValidationError(_("The comment you answer to is not available."))
        if parent.level >= comments_settings.COMMENTS_MAX_THREAD_LEVEL:
            raise forms.ValidationError(_("This comment cannot be answered any further."))
        return parent_id

    def clean(self):
        cleaned_data = super().clean()
        text = cleaned_data.get("comment")
        if text and self.is_duplicate(text, cleaned_data.get("email")):
            self.add_error("comment", _("You have already posted this comment."))
        return cleaned_data

    def is_duplicate(self, text, email):
        recent = Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(Discussion),
            object_pk=str(self.target_object.pk),
            submit_date__gte=timezone.now() - datetime.timedelta(days=1),
        )
        if self.user:
            recent = recent.filter(user=self.user)
        elif email:
            recent = recent.filter(user_email__iexact=email)
        else:
            return False
        wanted = spam.normalise(text)
        if any(spam.normalise(old) == wanted for old in recent.values_list("comment", flat=True)[:50]):
            return True
        if self.user:
            return False
        # The same text still waiting for its confirmation link counts too, once the mail with
        # the link went out (posting it again after a failed mail resends that mail).
        waiting = PendingConfirmation.objects.filter(
            mail_sent_at__isnull=False,
            discussion_id=self.target_object.pk,
            user_email__iexact=email,
            submit_date__gte=timezone.now() - datetime.timedelta(days=1),
        ).values_list("comment", flat=True)[:50]
        return any(spam.normalise(old) == wanted for old in waiting)

    def get_comment_create_data(self, site_id=None):
        """The fields of the new comment; it is never public before the moderation rules say so."""
        data = self.cleaned_data
        return {
            "content_type": ContentType.objects.get_for_model(Discussion),
            "object_pk": str(self.target_object.pk),
            "user": self.user,
            "user_name": display_name(self.user) if self.user else data["name"],
            "user_email": (self.user.email if self.user else data["email"]) or "",
            "user_url": "",
            "comment": data["comment"],
            "submit_date": timezone.now(),
            "site_id": site_id or settings.SITE_ID,
            "parent_id": data.get("reply_to") or 0,
            "language": (get_language() or "")[:12],
        }


class ReportForm(BaseReportForm):
    reason_label = _("Why do you report this comment?")


class ReasonForm(forms.Form):
    """A moderator's reason, required when hiding (the author is told) and optional otherwise."""

    reason = forms.CharField(
        label=_("Reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class OfficialReplyForm(forms.Form):
    text = forms.CharField(
        label=_("The city's reply"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the author"))
