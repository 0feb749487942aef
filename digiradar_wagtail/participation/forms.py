"""Form helpers the participation apps share: public forms and the admin lists' search box."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms.search import SearchForm

from .moderation import ReportReason, count_links


class AccessibleErrorsMixin:
    """Ties each field's help and error text to the field (aria-describedby, aria-invalid)."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            described = [self[name].auto_id + "-help"] if field.help_text else []
            if name in self.errors:
                described.append(self[name].auto_id + "-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def help_ids(self):
        for name, field in self.fields.items():
            if field.help_text and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-describedby", self[name].auto_id + "-help")


def author_fields(name_help, email_help, optional=False):
    """
    The ``name`` and ``email`` fields of an anonymous author (a logged-in one writes under the
    account's), each with its ``help`` text and the browser's autocomplete hint.
    """
    name = forms.CharField(
        label=gettext_lazy("Name (optional)") if optional else gettext_lazy("Name"),
        max_length=50,
        required=not optional,
        help_text=name_help,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address (optional)") if optional else gettext_lazy("Email address"),
        required=not optional,
        help_text=email_help,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    return name, email


def within_link_limit(text, limit):
    """``text``, if it holds at most ``limit`` links; otherwise an error that says how many it may."""
    if count_links(text) > limit:
        message = ngettext(
            "Please include at most %(limit)d link.", "Please include at most %(limit)d links.", limit
        )
        raise forms.ValidationError(message % {"limit": limit})
    return text


class ReportForm(AccessibleErrorsMixin, forms.Form):
    """Why a citizen reports something; each app words the question (``reason_label``)."""

    reason_label = None
    auto_id = "digiradar-report-%s"

    reason = forms.ChoiceField(choices=ReportReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=gettext_lazy("Note for the moderators (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", self.auto_id)
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = self.reason_label


class QueueSearchForm(SearchForm):
    """Wagtail's search box; a NUL byte is an error that names the field and is not shown again."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)

    def __init__(self, data=None, **kwargs):
        self.had_nul = data is not None and "\x00" in data.get("q", "")
        if self.had_nul:
            data = data.copy()
            data["q"] = data["q"].replace("\x00", "")
        super().__init__(data, **kwargs)

    def clean_q(self):
        if self.had_nul:
            raise forms.ValidationError(ProhibitNullCharactersValidator.message)
        return self.cleaned_data["q"]
