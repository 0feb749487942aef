"""Forms of the ideas app: propose, report, the public list's filters, and the city's answer."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..participation.forms import AccessibleErrorsMixin, author_fields, within_link_limit
from ..participation.forms import ReportForm as BaseReportForm
from .conf import ideas_settings
from .models import Answer


class IdeaForm(AccessibleErrorsMixin, forms.Form):
    """A citizen's idea for ``radar``: title, description, sector, optional name and mail."""

    title = forms.CharField(label=_("Title of your idea"), max_length=200)
    description = forms.CharField(
        label=_("Describe your idea"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What should the city do, and whom would it help?"),
    )
    sector = forms.ChoiceField(label=_("Which sector does it belong to?"), widget=forms.RadioSelect)
    name, email = author_fields(
        _("Shown with your idea. Leave it empty to stay anonymous."),
        _("Not published. We send you a link to confirm your idea."),
        optional=True,
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my idea is stored and published."),
        error_messages={"required": _("Please agree to the privacy notice to send your idea.")},
    )
    # Bots fill in every field; people never see this one.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, sectors, *args, user=None, **kwargs):
        kwargs.setdefault("auto_id", "digiradar-idea-%s")
        super().__init__(*args, **kwargs)
        self.user = user if user is not None and user.is_authenticated else None
        self.fields["sector"].choices = [(sector.slug, sector.name) for sector in sectors]
        limit = ideas_settings.IDEAS_MAX_LENGTH
        self.fields["description"].validators.append(MaxLengthValidator(limit))
        self.fields["description"].widget.attrs["maxlength"] = limit
        if self.user:
            del self.fields["name"]
            del self.fields["email"]
        self.help_ids()

    def clean_description(self):
        return within_link_limit(self.cleaned_data["description"].strip(), ideas_settings.IDEAS_MAX_LINKS)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def is_bot(self):
        return "website" in self.errors

    def idea_fields(self):
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "description": data["description"],
            "sector_slug": data["sector"],
            "author_name": (self.user.get_full_name() or self.user.get_username())[:50]
            if self.user
            else data.get("name", "").strip(),
            "author_email": (self.user.email if self.user else data.get("email")) or "",
            "user": self.user,
            "language": (get_language() or "")[:12],
        }


class ReportForm(BaseReportForm):
    reason_label = _("Why do you report this idea?")
    auto_id = "digiradar-idea-report-%s"


SORTS = [("newest", _("Newest first")), ("supported", _("Most supported first"))]


class IdeaFilterForm(forms.Form):
    """The public list's filters, read from GET: the answer, the sector, the order, the page."""

    answer = forms.ChoiceField(
        label=_("Answer"), required=False, choices=[("", _("All answers")), *Answer.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)
    page = forms.IntegerField(required=False, min_value=1, max_value=10**6, widget=forms.HiddenInput)

    def __init__(self, sectors, *args, **kwargs):
        kwargs.setdefault("auto_id", "digiradar-ideas-filter-%s")
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("All sectors"))] + [(s.slug, s.name) for s in sectors]

    def clean_sort(self):
        return self.cleaned_data["sort"] or "newest"


class AnswerForm(forms.Form):
    """The city's answer in the admin: a state, a text and, for "taken up", the measure."""

    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices)
    text = forms.CharField(
        label=_("The city's answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    measure = forms.ModelChoiceField(label=_("Measure (for “taken up”)"), queryset=None, required=False)

    def __init__(self, measures, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("measure") and cleaned_data.get("answer") != Answer.TAKEN_UP:
            self.add_error("measure", _("Only an idea that is taken up links to a measure."))
        return cleaned_data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
