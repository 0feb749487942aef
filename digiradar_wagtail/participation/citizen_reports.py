"""
A citizen's report of a contribution (a comment, an idea), recorded alike by every app that
moderates one: one report per person, written to the audit log, and enough open reports send a
published contribution back to moderation. Each app passes its own log writer and state setter.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .log_actions import step_name
from .moderation import ModerationState, reports_suffice


def record(item, reporter_key, reason, note, user, thresholds, log_action, set_state):
    """
    Record a report of ``item`` (in its ``reports``) unless this person has reported it already
    (then False). It is logged with ``log_action``; once the open reports suffice (``thresholds``:
    of logged-in and of anonymous reports, see ``reports_suffice``), a published ``item`` goes back
    to moderation through ``set_state``, with the number of reports as the reason.
    """
    with transaction.atomic():
        _report, created = item.reports.get_or_create(
            reporter_key=reporter_key, defaults={"reason": reason, "note": note, "reporter": user}
        )
        if not created:
            return False
        log_action(item, step_name(item, "report"), user=user, reason=reason, note=note)
        counts = item.reports.filter(resolved=False).aggregate(
            signed_in=Count("pk", filter=Q(reporter__isnull=False)),
            anonymous=Count("pk", filter=Q(reporter__isnull=True)),
        )
        signed_in, anonymous = counts["signed_in"], counts["anonymous"]
        if item.state == ModerationState.PUBLISHED and reports_suffice(signed_in, anonymous, *thresholds):
            count = _("%(count)d reports") % {"count": signed_in + anonymous}
            set_state(item, ModerationState.PENDING, None, count, action=step_name(item, "to_pending"))
    return True
