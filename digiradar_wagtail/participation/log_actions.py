"""
The audit-log actions of what a moderator approves (comments, ideas). Every such app logs the same
moderation steps, named ``<app label>.<step>`` ("digiradar_comments.approve"; the names are stored
with each log entry: never rename one), worded with its model's verbose name ("Approve comment",
"Idea hidden"), and shows a log line with the moderator's reason.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.functional import keep_lazy_text
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, get_active_log_context
from wagtail.log_actions import registry as log_registry

# Each step: (label of the action, message of a log line); %(item)s is the model's verbose name.
STEPS = {
    "approve": (_("Approve %(item)s"), _("%(item)s approved")),
    "hide": (_("Hide %(item)s"), _("%(item)s hidden")),
    "remove": (_("Remove %(item)s"), _("%(item)s removed")),
    "to_pending": (_("Return %(item)s to moderation"), _("%(item)s returned to moderation")),
    "report": (_("Report %(item)s"), _("%(item)s reported")),
}


@keep_lazy_text
def worded(text, model):
    """
    ``text`` with ``%(item)s`` and ``%(items)s`` replaced by ``model``'s verbose names, first
    letter capitalised; lazy if ``text`` is, so that it is translated when it is shown.
    """
    meta = model._meta
    return capfirst(text % {"item": meta.verbose_name, "items": meta.verbose_name_plural})


def step_name(model, step):
    """The action name of ``step`` for ``model`` (a model or one of its instances)."""
    return f"{model._meta.app_label}.{step}"


def step_names(model):
    """The action names of the steps, in the order of ``STEPS``: approve, hide, remove, to_pending, report."""
    return tuple(step_name(model, step) for step in STEPS)


def step_actions(model):
    """``{action name: (label, message)}`` of the steps, worded for ``model``."""
    return {
        name: (worded(label, model), worded(message, model))
        for name, (label, message) in zip(step_names(model), STEPS.values(), strict=True)
    }


class DetailLogFormatter(LogFormatter):
    """A log line's message, followed by the first of ``detail_keys`` the entry's data holds."""

    detail_keys = ("reason",)

    def format_message(self, log_entry):
        data = log_entry.data or {}
        detail = next((data[key] for key in self.detail_keys if data.get(key)), "")
        return f"{self.message}: {detail}" if detail else str(self.message)


def register_log_actions(actions, log_actions, detail_keys=("reason",)):
    """Register ``log_actions`` (``{name: (label, message)}``) with Wagtail's audit log."""
    for action, (label, message) in log_actions.items():
        attributes = {"label": label, "message": message, "detail_keys": detail_keys}
        actions.register_action(action)(type("DetailLogFormatter", (DetailLogFormatter,), attributes))


def log_many(entries, action, user=None):
    """
    Write ``action`` on many items of one model to Wagtail's audit log in one insert, each entry as
    ``wagtail.log_actions.log(item, action, user=user, title=title, data=data)`` writes it;
    ``entries`` are ``(item, title, data)``. ``post_save`` is sent for every new entry as a single
    ``log`` sends it, so that its receivers (the front-cache purges) see each one.
    """
    if not entries:
        return []
    model = type(entries[0][0])
    log_model = log_registry.get_log_model_for_model(model)
    if log_model is None:
        return []
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    rows = log_model.objects.bulk_create(
        log_model(
            content_type=content_type,
            object_id=str(item.pk),
            label=title,
            action=action,
            timestamp=now,
            data=data or {},
            user=user or context.user,
            uuid=context.uuid,
        )
        for item, title, data in entries
    )
    using = router.db_for_write(log_model)
    for row in rows:
        post_save.send(
            sender=log_model, instance=row, created=True, update_fields=None, raw=False, using=using
        )
    return rows
