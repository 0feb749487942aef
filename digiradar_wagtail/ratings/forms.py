"""Admin forms of the ratings app."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The browser's own date and time picker: no script at all, so nothing for a strict
# Content-Security-Policy to block (Wagtail's AdminDateTimeInput renders an inline <script>),
# keyboard and screen-reader support from the browser. The value is ISO 8601 ("2025-05-01T14:30"),
# read in the moderator's time zone; "2025-05-01 14:30" is accepted too.
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"step": 60, **(attrs or {})}, format=DATETIME_LOCAL_FORMAT)


class VoidVotesForm(forms.Form):
    """A time window whose votes a moderator removes (e.g. a burst from one source)."""

    since = forms.DateTimeField(label=_("Votes cast or changed from"), widget=DateTimeLocalInput)
    until = forms.DateTimeField(label=_("until (exclusive)"), widget=DateTimeLocalInput)
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
