"""
The import's report in words: a row's action as a label (admin preview) and the whole report
as lines of text (``digiradar_import``).
"""

from django.utils.translation import gettext as _

from .importer import CREATE, PUBLISH, UNCHANGED, UPDATE


def action_label(action):
    """The action of a row (``importer.CREATE`` …) in the active language."""
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
            # Whole sentences for the translators (gettext cannot see calls inside f-strings).
            line = _("Row %(row)d: %(action)s %(external_id)s %(title)s") % {
                "row": row.row,
                "action": action_label(row.action),
                "external_id": row.external_id or "–",
                "title": row.title,
            }
            if row.changes:
                line += " (" + ", ".join(row.changes) + ")"  # column names, the same in every language
            lines.append(line)
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
