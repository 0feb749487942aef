"""The admin's import form: which radar, which file, drafts or published."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import RadarIndexPage
from .permissions import importable_radars
from .spreadsheet import SpreadsheetError, check_size

EXTENSIONS = ("csv", "xlsx")


class RadarChoiceField(forms.ModelChoiceField):
    """A radar by its title and language: the German and English radars share a title."""

    def label_from_instance(self, radar):
        return f"{radar.title} ({radar.locale.get_display_name() or radar.locale.language_code})"


class ImportForm(forms.Form):
    """Upload step: checked by a dry run before anything is written."""

    radar = RadarChoiceField(label=_("Radar"), queryset=RadarIndexPage.objects.none(), empty_label=None)
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A .csv or .xlsx file in the columns that the radar's export.csv writes."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    publish = forms.BooleanField(
        label=_("Publish the imported measures"),
        required=False,
        help_text=_("Otherwise new and changed measures are saved as drafts for review."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["radar"].queryset = importable_radars(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in EXTENSIONS:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."), code="extension")
        try:
            check_size(upload.size)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error), code="size") from error
        return upload

    def clean(self):
        cleaned_data = super().clean()
        radar = cleaned_data.get("radar")
        if radar is not None and cleaned_data.get("publish"):
            if not radar.permissions_for_user(self.user).can_publish_subpage():
                self.add_error(
                    "publish", _("You may not publish pages under this radar; import drafts instead.")
                )
        return cleaned_data
