from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class FrequencyField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=Frequency.choices, initial=Frequency.IMMEDIATE, label=_("How often"), **kwargs
        )


class FollowForm(forms.Form):
    """Follow with an email address: a confirmation link is mailed there first."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "We send a link to confirm. The address is used for nothing else and deleted when you stop."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = FrequencyField()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class UserFollowForm(forms.Form):
    """Follow while logged in: one click (the account's address receives the mails)."""

    frequency = FrequencyField()
