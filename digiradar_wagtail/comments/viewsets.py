"""
Comment moderation in the Wagtail admin, on Wagtail's generic views: ``CommentViewSet``
(registered with ``register_admin_viewset`` in ``wagtail_hooks.py``) under
``/admin/digiradar-comments/``.

- the queue (``index``): filters (``filters.CommentFilterSet``), search, CSV/XLSX export, oldest
  first, bulk approve and hide (``bulk_actions.py``);
- one comment (``inspect``) with its thread, reports and the actions approve, hide (with a reason
  the author is told), remove, back to pending and reply as the city;
- its audit log (``history``), Wagtail's own history view;
- ``privacy``: export or erase all comments of one email address.

Every view asks the registered ``permissions.CommentPermissionPolicy`` before it looks anything
up; a refusal raises ``PermissionDenied``, which the admin answers with Wagtail's
``permission_denied`` (a redirect to the dashboard with a message).
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.widgets import Button

from ..participation import admin as shared_admin
from ..participation.admin_reports import DefusedExportMixin
from . import moderation, privacy
from .filters import CommentFilterSet
from .forms import EmailForm, OfficialReplyForm, ReasonForm
from .models import REMOVED, Comment, Discussion

TEMPLATES = "digiradar_comments/admin/"


class ModeratorsOnlyMixin(shared_admin.ModeratorsOnlyMixin):
    """Refuse before any lookup, so that nobody without the permission can probe comment ids."""

    moderated_model = Comment


def excerpt(comment):
    return Truncator(comment.comment).chars(120) or f"#{comment.pk}"


class QueueView(
    ModeratorsOnlyMixin, shared_admin.ModerationIndexMixin, DefusedExportMixin, generic.IndexView
):
    """The moderation queue: pending comments, oldest first, unless the filters say otherwise."""

    export_name = "comments"

    select_all_text = gettext_lazy("Select all comments in the listing")
    page_title = gettext_lazy("Comment moderation")

    def get_base_queryset(self):
        discussions = Discussion.objects.annotate(key=Cast("pk", CharField()))
        page_title = discussions.filter(key=OuterRef("object_pk"))
        return Comment.objects.filter(content_type=ContentType.objects.get_for_model(Discussion)).annotate(
            open_reports=Count("reports", filter=Q(reports__resolved=False)),
            page_title=Subquery(page_title.values("page__title")[:1]),
        )

    @cached_property
    def columns(self):
        return [
            *self.item_columns("comment", gettext_lazy("Comment"), accessor=excerpt),
            Column("user_name", label=gettext_lazy("Author")),
            Column("page_title", label=gettext_lazy("Page")),
            Column("state", label=gettext_lazy("State"), accessor="get_state_display", sort_key="state"),
            Column("open_reports", label=gettext_lazy("Open reports"), sort_key="open_reports"),
            DateColumn("submit_date", label=gettext_lazy("Written"), sort_key="submit_date"),
        ]

    @cached_property
    def header_more_buttons(self):
        return super().header_more_buttons + [
            Button(
                _("Export or erase the comments of one email address"),
                url=reverse("digiradar_comments_admin:privacy"),
                icon_name="user",
                priority=100,
            )
        ]


class CommentInspectView(ModeratorsOnlyMixin, shared_admin.ModerationInspectView):
    """One comment with its thread, its reports and the moderation actions."""

    template_name = TEMPLATES + "inspect.html"
    page_title = gettext_lazy("Comment")

    def get_context_data(self, **kwargs):
        comment = self.object
        thread = Comment.objects.filter(thread_id=comment.thread_id, object_pk=comment.object_pk)
        return {
            **super().get_context_data(**kwargs),
            "discussion": Discussion.of_comment(comment),
            "thread": thread.order_by("order"),
            "hide_form": ReasonForm(prefix="hide", required=True),
            "reason_form": ReasonForm(prefix="other"),
            "reply_form": OfficialReplyForm(),
        }


class CommentHistoryView(ModeratorsOnlyMixin, HistoryView):
    """Wagtail's history view: who did what to the comment, and why (see ``participation/log_actions.py``)."""


class ModerationActionView(ModeratorsOnlyMixin, shared_admin.ModerationActionView):
    """
    A POST that changes one comment, then back to it. A removed comment can only be replied to;
    a form error becomes a message and nothing changes.
    """

    model = Comment
    success_url_name = "digiradar_comments_admin:inspect"
    closed_states = (REMOVED,)
    closed_message = gettext_lazy("A removed comment cannot be changed any more.")

    def reason(self, prefix="other", required=False, error=None):
        form = ReasonForm(self.request.POST, prefix=prefix, required=required)
        if not form.is_valid():
            raise forms.ValidationError(error or _("The reason is too long."))
        return form.cleaned_data["reason"]


class ChangeStateView(ModerationActionView):
    """Moves the comment on with ``operation(comment, user, reason)``; the reason is optional."""

    operation = None

    def perform_operation(self):
        self.operation(self.object, self.request.user, self.get_reason())

    def get_reason(self):
        return self.reason()


# The steps with an optional reason: (operation, success message).
STATE_STEPS = {
    "approve": (moderation.approve, gettext_lazy("The comment is published.")),
    "remove": (moderation.remove, gettext_lazy("The comment is removed.")),
    "to_pending": (moderation.return_to_pending, gettext_lazy("The comment waits for moderation again.")),
}


class HideView(ChangeStateView):
    success_message = gettext_lazy("The comment is hidden.")
    operation = staticmethod(moderation.hide)

    def get_reason(self):
        return self.reason("hide", True, _("Give a reason for hiding; the author is told why."))


class ReplyView(ModerationActionView):
    success_message = gettext_lazy("The city's reply is published.")
    closed_states = ()

    def perform_operation(self):
        form = OfficialReplyForm(self.request.POST)
        if not form.is_valid():
            raise forms.ValidationError(_("Write a reply."))
        self.object = moderation.reply_as_city(
            self.object, self.request.user, form.cleaned_data["text"], self.object.site_id
        )


class PrivacyView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, FormView):
    """Export (JSON), or erase, all comments of one email address: a data subject's request."""

    template_name = TEMPLATES + "privacy.html"
    page_title = gettext_lazy("Comments of one author")
    header_icon = "comment"
    form_class = EmailForm

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("digiradar_comments_admin:index"), "label": _("Comments")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if self.request.POST.get("do") == "erase":
            erased, unconfirmed = privacy.erase(email, self.request.user)
            messages.success(
                self.request,
                ngettext("%(count)d comment erased.", "%(count)d comments erased.", erased)
                % {"count": erased},
            )
            if unconfirmed:
                messages.success(
                    self.request,
                    ngettext(
                        "%(count)d unconfirmed comment deleted; its confirmation link no longer works.",
                        "%(count)d unconfirmed comments deleted; their confirmation links no longer work.",
                        unconfirmed,
                    )
                    % {"count": unconfirmed},
                )
            return redirect("digiradar_comments_admin:privacy")
        response = HttpResponse(
            json.dumps(privacy.export(email), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="comments-export.json"'
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CommentsMenuItem(shared_admin.PendingMenuItem):
    """The menu item "Comments" in the admin menu, with the number of comments waiting for moderation."""

    moderated_model = Comment
    pending_label = gettext_lazy("Comments (%(count)d pending)")


class CommentViewSet(shared_admin.ModerationViewSet):
    model = Comment
    name = "digiradar_comments_admin"
    url_prefix = "digiradar-comments"
    icon = "comment"
    add_to_admin_menu = True
    menu_label = gettext_lazy("Comments")
    menu_name = "digiradar-comments"
    menu_order = 250
    menu_item_class = CommentsMenuItem

    index_view_class = QueueView
    inspect_view_class = CommentInspectView
    history_view_class = CommentHistoryView
    list_per_page = 50
    ordering = ["submit_date", "pk"]  # the comment that waits longest comes first
    filterset_class = CommentFilterSet
    search_fields = ["comment", "user_name", "user_email"]
    list_export = [
        "pk",
        "submit_date",
        "state",
        "page_title",
        "user_name",
        "comment",
        "open_reports",
        "is_official",
        "held_for",
        "moderation_reason",
        "language",
    ]
    export_headings = {
        "pk": gettext_lazy("ID"),
        "submit_date": gettext_lazy("Written"),
        "state": gettext_lazy("State"),
        "page_title": gettext_lazy("Page"),
        "user_name": gettext_lazy("Author"),
        "comment": gettext_lazy("Comment"),
        "open_reports": gettext_lazy("Open reports"),
        "is_official": gettext_lazy("City's reply"),
        "held_for": gettext_lazy("Held for review because of"),
        "moderation_reason": gettext_lazy("Reason"),
        "language": gettext_lazy("Language"),
    }

    # The moderation steps of the inspect view, each a POST to <action>/<pk>/.
    ACTIONS = {
        **shared_admin.step_views(ChangeStateView, STATE_STEPS),
        "hide": HideView.as_view(),
        "reply": ReplyView.as_view(),
    }

    def extra_urlpatterns(self):
        return [path("privacy/", PrivacyView.as_view(), name="privacy")]


comment_viewset = CommentViewSet()
