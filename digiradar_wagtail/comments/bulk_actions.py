"""
Bulk moderation from the queue: approve, or hide with one reason that every author is told.
Wagtail's bulk actions (``register_bulk_action`` in ``wagtail_hooks.py``), at
``/admin/bulk/digiradar_comments/comment/<approve|hide>/?id=…``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..participation import admin as shared_admin
from . import moderation
from .models import REMOVED, Comment
from .viewsets import comment_viewset


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the authors are told)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason; the authors are told why.")},
    )


class CommentBulkAction(shared_admin.ModerationBulkAction):
    """
    A moderation step for every selected comment (removed comments cannot change any more),
    confirmed on one page whose texts are the action's ``confirmation``.
    """

    models = [Comment]
    header_icon = "comment"
    items_template = "digiradar_comments/admin/bulk_items.html"
    viewset = comment_viewset
    closed_states = (REMOVED,)
    ordering = ("submit_date", "pk")
    nothing_actionable = _("No comment that can still be changed was selected.")


class ApproveBulkAction(CommentBulkAction, shared_admin.ApproveBulkAction):
    moderate_many = staticmethod(moderation.approve_many)


class HideBulkAction(CommentBulkAction, shared_admin.HideBulkAction):
    form_class = HideForm
    moderate_many = staticmethod(moderation.hide_many)
    intro = _("These comments are hidden; each author is told the reason by mail:")

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}
