"""
Bulk moderation from the queue: approve, or hide with one reason that every author is told.
Wagtail's bulk actions (``register_bulk_action`` in ``wagtail_hooks.py``), at
``/admin/bulk/digiradar_comments/comment/<approve|hide>/?id=…``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permissions import policy_registry

from . import moderation
from .models import REMOVED, Comment
from .permissions import MODERATE
from .viewsets import comment_viewset


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the authors are told)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give a reason; the authors are told why.")},
    )


class CommentBulkAction(BulkAction):
    """
    A moderation step for every selected comment: ``moderate(comment, user, **execution context)``,
    confirmed on one page whose texts are the action's ``confirmation``.
    """

    models = [Comment]
    template_name = "digiradar_comments/admin/bulk_confirm.html"
    moderate = None
    confirmation = {}

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Comment)

    def dispatch(self, request, *args, **kwargs):
        # Refused before anything is looked up; the admin turns this into Wagtail's answer.
        if not self.permission_policy.user_has_permission(request.user, MODERATE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids that are no numbers are dropped rather than answered with a server error; removed
        # comments cannot change any more.
        ids = [int(value) for value in object_ids if str(value).isdigit() and int(value) < 2**63]
        return list(model.objects.filter(pk__in=ids).exclude(state=REMOVED).order_by("submit_date", "pk"))

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means exactly what the queue shows: its filters and its search (pending
        # comments if none are given), never every comment there is. Ask the queue itself.
        queue = comment_viewset.index_view_class(**comment_viewset.get_index_view_kwargs())
        queue.setup(self.request)
        return queue.get_queryset().values_list("pk", flat=True)

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, MODERATE, comment)

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.confirmation}

    @classmethod
    def execute_action(cls, comments, user=None, **kwargs):
        for comment in comments:
            cls.moderate(comment, user, **kwargs)
        return len(comments), 0

    def form_valid(self, form):
        if not self.get_actionable_objects()[0]:
            messages.error(self.request, _("No comment that can still be changed was selected."))
            return redirect(self.next_url)
        return super().form_valid(form)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d comment changed.", "%(count)d comments changed.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    moderate = staticmethod(moderation.approve)
    confirmation = {
        "title": _("Approve comments"),
        "intro": _("These comments are published:"),
        "action_button_text": _("Yes, approve"),
    }


class HideBulkAction(CommentBulkAction):
    display_name = _("Hide")
    action_type = "hide"
    aria_label = _("Hide the selected comments")
    action_priority = 20
    form_class = HideForm
    moderate = staticmethod(moderation.hide)
    confirmation = {
        "title": _("Hide comments"),
        "intro": _("These comments are hidden; each author is told the reason by mail:"),
        "action_button_text": _("Hide"),
        "action_button_class": "serious",
    }

    def get_execution_context(self):
        return {**super().get_execution_context(), "reason": self.cleaned_form.cleaned_data["reason"]}
