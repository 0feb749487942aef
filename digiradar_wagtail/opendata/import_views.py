"""
The admin's "Import measures" view: upload, a dry run that previews every row, then import.

The upload is read (within the limits of ``spreadsheet``) once, for the preview; its rows wait
in a temporary file (``previews``) between preview and confirmation, under a random token bound
to the user. The confirmation checks the rows again against the radar as it is then
(:func:`importer.import_table`).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import previews
from .forms import ImportForm
from .importer import CREATE, PUBLISH, UNCHANGED, UPDATE, import_table
from .messages import action_label
from .permissions import importable_radars
from .spreadsheet import SpreadsheetError, read_table


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Import measures into a radar the user may add and edit pages under."""

    template_name = "digiradar_wagtail/opendata/admin/import.html"
    page_title = gettext_lazy("Import measures")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not importable_radars(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request):
        initial = {"radar": request.GET.get("radar")} if request.GET.get("radar", "").isdigit() else {}
        return self.render_to_response(
            self.get_context_data(form=ImportForm(user=request.user, initial=initial))
        )

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        radar, upload, publish = (
            form.cleaned_data["radar"],
            form.cleaned_data["file"],
            form.cleaned_data["publish"],
        )
        try:
            table = read_table(upload.name, upload.read())
        except SpreadsheetError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        report = import_table(radar, table, dry_run=True, publish=publish)
        token = ""
        if report.ok:
            try:
                token = previews.save(request.user, table, radar=radar.pk, publish=publish, name=upload.name)
            except SpreadsheetError as error:
                form.add_error("file", str(error))
                return self.render_to_response(self.get_context_data(form=form), status=400)
        context = self.get_context_data(
            form=form, report=report, radar=radar, publish=publish, token=token, filename=upload.name
        )
        return self.render_to_response(context, status=200 if report.ok else 400)

    def confirm(self, request):
        try:
            table, pending = previews.take(request.user, request.POST.get("token", ""))
        except previews.PreviewMissing:
            messages.error(
                request, _("This preview has expired or has been imported already. Upload the file again.")
            )
            form = ImportForm(user=request.user)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        radar = importable_radars(request.user).filter(pk=pending["radar"]).first()
        if radar is None:
            raise PermissionDenied
        publish = pending["publish"] and radar.permissions_for_user(request.user).can_publish_subpage()
        report = import_table(radar, table, dry_run=False, publish=publish, user=request.user)
        if not report.ok:
            # The radar changed since the preview; show what is wrong now.
            form = ImportForm(user=request.user, initial={"radar": radar.pk, "publish": publish})
            context = self.get_context_data(form=form, report=report, radar=radar, publish=publish)
            return self.render_to_response(context, status=400)
        messages.success(
            request,
            _("Import into “%(radar)s”: %(create)d created, %(update)d updated, %(unchanged)d unchanged.")
            % {
                "radar": radar.title,
                "create": report.count(CREATE),
                "update": report.count(UPDATE) + report.count(PUBLISH),
                "unchanged": report.count(UNCHANGED),
            },
        )
        return redirect("wagtailadmin_explore", radar.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report")
        if report is not None:
            context["rows"] = [
                {"result": row, "action": action_label(row.action), "changes": ", ".join(row.changes)}
                for row in report.rows
            ]
            context["summary"] = {name: report.count(name) for name in (CREATE, UPDATE, PUBLISH, UNCHANGED)}
        context["action_url"] = reverse("digiradar_opendata:import")
        return context
