"""The admin's import form: which radar, which file, drafts or published."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..conf import DEFAULTS, digiradar_settings
from ..models import RadarIndexPage

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
EXTENSIONS = ("csv", "xlsx")


def max_upload_bytes():
    """``DIGIRADAR_IMPORT_MAX_BYTES``, 5 MB unless the project says otherwise."""
    if "IMPORT_MAX_BYTES" in DEFAULTS:
        return digiradar_settings.IMPORT_MAX_BYTES
    return getattr(settings, "DIGIRADAR_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def radars_for(user):
    """The radars under which ``user`` may both add and edit pages."""
    allowed = []
    for radar in RadarIndexPage.objects.order_by("path").select_related("locale"):
        permissions = radar.permissions_for_user(user)
        if permissions.can_add_subpage() and permissions.can_edit():
            allowed.append(radar.pk)
    return RadarIndexPage.objects.filter(pk__in=allowed).order_by("path").select_related("locale")


class RadarChoiceField(forms.ModelChoiceField):
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
        self.fields["radar"].queryset = radars_for(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in EXTENSIONS:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."), code="extension")
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; files up to %(limit)s MB can be imported.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.1f}"},
                code="size",
            )
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
