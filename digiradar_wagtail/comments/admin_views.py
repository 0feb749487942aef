"""
The moderation queue in the Wagtail admin. Every view checks the ``moderate_comments``
permission itself and answers 403 (Wagtail's own handler would redirect instead).
"""

import datetime
import json
from functools import wraps

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from . import moderation
from .forms import BulkForm, EmailForm, OfficialReplyForm, QueueFilterForm, ReasonForm
from .models import PENDING, REMOVED, STATE_CHOICES, Comment, CommentReport, Discussion, PendingConfirmation

PERMISSION = "digiradar_comments.moderate_comments"
PER_PAGE = 50


def user_can_moderate(user):
    return user.is_active and user.has_perm(PERMISSION)


def moderator_required(view):
    """403 for everyone without the permission (anonymous users are sent to the login first)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_can_moderate(request.user):
            return TemplateResponse(request, "digiradar_comments/admin/forbidden.html", {}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _discussions_for(comments):
    ids = {int(c.object_pk) for c in comments if str(c.object_pk).isdigit()}
    return {str(d.pk): d for d in Discussion.objects.filter(pk__in=ids).select_related("page")}


def filtered_queue(params):
    """
    The queue's queryset for the filters (cleaned by :class:`QueueFilterForm`): state, reported,
    discussion, date range and search.
    """
    comments = Comment.objects.filter(content_type=ContentType.objects.get_for_model(Discussion))
    state = params.get("state", PENDING)
    if state in dict(STATE_CHOICES):
        comments = comments.filter(state=state)
    if params.get("reported") == "1":
        comments = comments.filter(
            Exists(CommentReport.objects.filter(comment=OuterRef("pk"), resolved=False))
        )
    if params.get("discussion"):
        comments = comments.filter(object_pk=str(params["discussion"]))
    if params.get("date_from"):
        comments = comments.filter(submit_date__date__gte=params["date_from"])
    if params.get("date_to"):
        comments = comments.filter(submit_date__date__lte=params["date_to"])
    query = (params.get("q") or "").strip()
    if query:
        comments = comments.filter(
            Q(comment__icontains=query) | Q(user_name__icontains=query) | Q(user_email__icontains=query)
        )
    comments = comments.annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
    # Oldest first: the comment that waits longest is dealt with first.
    return comments.order_by("submit_date", "pk")


FILTERS = ("state", "reported", "discussion", "date_from", "date_to", "q")


@moderator_required
def queue(request):
    form = QueueFilterForm(request.GET)
    filters = form.filters()
    if "state" not in request.GET:
        filters["state"] = PENDING
    # What the moderator typed is shown again (NUL bytes dropped), valid or not.
    params = {key: request.GET.get(key, "").replace("\x00", "") for key in FILTERS}
    params["state"] = filters.get("state", "")
    page = Paginator(filtered_queue(filters), PER_PAGE).get_page(request.GET.get("p"))
    rows = list(page.object_list)
    discussions = _discussions_for(rows)
    for comment in rows:
        comment.discussion = discussions.get(str(comment.object_pk))
    context = {
        "rows": rows,
        "page_obj": page,
        "params": params,
        "filter_errors": form.error_list(),
        "states": STATE_CHOICES,
        "all_discussions": Discussion.objects.select_related("page").order_by("page__title"),
        "bulk_form": BulkForm(),
        "query_string": request.GET.urlencode().replace("%00", ""),
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "digiradar_comments/admin/queue.html", context, status=status)


@moderator_required
def detail(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    discussion = moderation.discussion_of(comment)
    thread = Comment.objects.filter(thread_id=comment.thread_id, object_pk=comment.object_pk).order_by(
        "order"
    )
    context = {
        "comment": comment,
        "discussion": discussion,
        "thread": thread,
        "reports": comment.reports.order_by("created_at"),
        "log_entries": ModelLogEntry.objects.for_instance(comment)
        .select_related("user")
        .order_by("-timestamp"),
        "hide_form": ReasonForm(prefix="hide", required=True),
        "reason_form": ReasonForm(prefix="other"),
        "reply_form": OfficialReplyForm(),
    }
    return TemplateResponse(request, "digiradar_comments/admin/detail.html", context)


def _back(comment):
    return HttpResponseRedirect(reverse("digiradar_comments_admin:detail", args=[comment.pk]))


@require_POST
@moderator_required
def act(request, pk, action):
    comment = get_object_or_404(Comment, pk=pk)
    if comment.state == REMOVED and action != "reply":
        messages.error(request, _("A removed comment cannot be changed any more."))
        return _back(comment)
    if action == "hide":
        form = ReasonForm(request.POST, prefix="hide", required=True)
        if not form.is_valid():
            messages.error(request, _("Give a reason for hiding; the author is told why."))
            return _back(comment)
        moderation.hide(comment, request.user, form.cleaned_data["reason"])
        messages.success(request, _("The comment is hidden."))
    elif action in ("approve", "remove"):
        form = ReasonForm(request.POST, prefix="other")
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        getattr(moderation, action)(comment, request.user, reason)
        messages.success(
            request, _("The comment is published.") if action == "approve" else _("The comment is removed.")
        )
    elif action == "reply":
        form = OfficialReplyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write a reply."))
            return _back(comment)
        reply = moderation.reply_as_city(comment, request.user, form.cleaned_data["text"], comment.site_id)
        messages.success(request, _("The city's reply is published."))
        return _back(reply)
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return _back(comment)


@require_POST
@moderator_required
def bulk(request):
    form = BulkForm(request.POST)
    back = reverse("digiradar_comments_admin:queue") + (
        "?" + request.POST["query"] if request.POST.get("query") else ""
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return HttpResponseRedirect(back)
    comments = Comment.objects.filter(pk__in=form.cleaned_data["ids"]).exclude(state=REMOVED)
    count = 0
    with transaction.atomic():
        for comment in comments:
            if form.cleaned_data["action"] == BulkForm.APPROVE:
                moderation.approve(comment, request.user)
            else:
                moderation.hide(comment, request.user, form.cleaned_data["reason"])
            count += 1
    messages.success(
        request,
        ngettext("%(count)d comment changed.", "%(count)d comments changed.", count) % {"count": count},
    )
    return HttpResponseRedirect(back)


def export_data(comments):
    return [
        {
            "id": c.pk,
            "name": c.user_name,
            "email": c.user_email,
            "comment": c.comment,
            "state": c.state,
            "submitted": c.submit_date.isoformat(),
            "language": c.language,
            "reply_to": c.parent_id if c.parent_id != c.pk else None,
        }
        for c in comments
    ]


def export_unconfirmed(email):
    """Comments of ``email`` still waiting for their author to open the confirmation link."""
    return [
        {
            "name": p.user_name,
            "email": p.user_email,
            "comment": p.comment,
            "submitted": p.submit_date.isoformat(),
            "language": p.language,
        }
        for p in PendingConfirmation.objects.filter(user_email__iexact=email).order_by("submit_date")
    ]


@moderator_required
def privacy(request):
    """Export, or erase, all comments of one email address (a data subject's request)."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        comments = list(Comment.objects.filter(user_email__iexact=email).order_by("submit_date"))
        if request.POST.get("do") == "erase":
            unconfirmed = erase(comments, request.user, email)
            messages.success(
                request,
                ngettext("%(count)d comment erased.", "%(count)d comments erased.", len(comments))
                % {"count": len(comments)},
            )
            if unconfirmed:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d unconfirmed comment deleted; its confirmation link no longer works.",
                        "%(count)d unconfirmed comments deleted; their confirmation links no longer work.",
                        unconfirmed,
                    )
                    % {"count": unconfirmed},
                )
            return HttpResponseRedirect(reverse("digiradar_comments_admin:privacy"))
        response = HttpResponse(
            json.dumps(
                {
                    "email": email,
                    "comments": export_data(comments),
                    "unconfirmed": export_unconfirmed(email),
                },
                ensure_ascii=False,
                indent=2,
            ),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="comments-export.json"'
        return response
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "digiradar_comments/admin/privacy.html", {"form": form}, status=status)


def erase(comments, user, email=""):
    """
    Blank the text and personal data of ``comments``; their place in the threads is kept. The
    comments of ``email`` still waiting for confirmation are deleted, so that no confirmation
    link can bring an erased comment back. Returns how many of those there were.
    """
    with transaction.atomic():
        unconfirmed = PendingConfirmation.objects.filter(user_email__iexact=email).delete()[0] if email else 0
        for comment in comments:
            Comment.objects.filter(pk=comment.pk).update(
                comment="",
                user_name="",
                user_email="",
                user_url="",
                user=None,
                state=REMOVED,
                is_public=True,
                is_removed=True,
                moderation_reason=_("Erased on request of the author."),
            )
            log(comment, moderation.ERASE, user=user, title=_("Comment #%(id)s") % {"id": comment.pk})
    return unconfirmed


def pending_summary():
    """Count and age of the pending comments, for the menu item and the dashboard."""
    pending = Comment.objects.filter(state=PENDING)
    count = pending.count()
    oldest = pending.order_by("submit_date").values_list("submit_date", flat=True).first()
    return count, (timezone.now() - oldest if oldest else datetime.timedelta(0)), oldest
