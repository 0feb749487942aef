"""Admin forms of the ratings app."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput


class VoidVotesForm(forms.Form):
    """A time window whose votes a moderator removes (e.g. a burst from one source)."""

    since = forms.DateTimeField(label=_("Votes cast or changed from"), widget=AdminDateTimeInput)
    until = forms.DateTimeField(label=_("until (exclusive)"), widget=AdminDateTimeInput)
    reason = forms.CharField(label=_("Reason (for the audit log)"), max_length=300)

    def clean(self):
        cleaned_data = super().clean()
        since, until = cleaned_data.get("since"), cleaned_data.get("until")
        if since and until and until <= since:
            self.add_error("until", _("The end must be after the start."))
        return cleaned_data

    @classmethod
    def for_last_hour(cls):
        now = timezone.now().replace(second=0, microsecond=0)
        return cls(
            initial={"since": now - datetime.timedelta(hours=1), "until": now + datetime.timedelta(minutes=1)}
        )


class ReasonForm(forms.Form):
    """Why a moderator resets, closes or reopens a rating (kept in the audit log)."""

    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
