"""An import report in words, for the management command (the admin view has a template)."""

from django.utils.translation import gettext as _

from .importer import CREATE, PUBLISH, UNCHANGED, UPDATE


def action_label(action):
    labels = {
        CREATE: _("create"),
        UPDATE: _("update"),
        UNCHANGED: _("unchanged"),
        PUBLISH: _("publish draft"),
    }
    return labels.get(action, action)


def describe_report(report):
    """Lines of text: errors, warnings, one line per row and a summary."""
    lines = [_("Error: %(message)s") % {"message": message} for message in report.errors]
    lines += [_("Warning: %(message)s") % {"message": message} for message in report.warnings]
    for row in report.rows:
        if row.errors:
            for message in row.errors:
                lines.append(_("Row %(row)d: %(message)s") % {"row": row.row, "message": message})
        else:
            changes = f" ({', '.join(row.changes)})" if row.changes else ""
            lines.append(
                f"{_('Row %(row)d') % {'row': row.row}}: {action_label(row.action)} "
                f"{row.external_id or '–'} {row.title}{changes}"
            )
    summary = {
        "create": report.count(CREATE),
        "update": report.count(UPDATE),
        "unchanged": report.count(UNCHANGED),
    }
    if not report.ok:
        lines.append(_("Nothing was imported: fix the errors above and try again."))
    elif report.applied:
        lines.append(
            _("Imported: %(create)d created, %(update)d updated, %(unchanged)d unchanged.") % summary
        )
    else:
        lines.append(
            _(
                "Dry run: %(create)d would be created, %(update)d updated, %(unchanged)d unchanged. "
                "Nothing was written."
            )
            % summary
        )
    return lines
