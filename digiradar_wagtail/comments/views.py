"""
Public views of the comments. Every refusal is a clear 4xx page or a form error; nothing is
written unless the whole post is valid.
"""

import datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from ..conf import digiradar_settings
from ..participation import signed_links
from ..participation.streamfield import find_block
from . import moderation, notifications, spam
from .blocks import CommentsBlock, can_post, discussion_context
from .conf import comments_settings
from .forms import CommentForm, ReportForm
from .models import CONFIRM_DAYS, PENDING, PUBLISHED, REMOVED, Comment, Discussion, PendingConfirmation

DISCUSSION_LABEL = "digiradar_comments.discussion"
# The confirmation link carries {"id": ..., "nonce": ...} of a PendingConfirmation, signed as
# JSON with this salt; never a pickled object.
CONFIRM_SALT = "digiradar_comments.confirm"


def _base_context(**context):
    return {"base_template": digiradar_settings.BASE_TEMPLATE, **context}


def message(request, status, title, text, page=None):
    """A short page that says why a request was refused (status 4xx)."""
    return TemplateResponse(
        request,
        "digiradar_comments/message.html",
        _base_context(title=title, text=text, back_url=page.get_url(request) if page else ""),
        status=status,
    )


def _back_to(url, status):
    return HttpResponseRedirect(f"{url}?comment={status}#comments", status=303)


def confirmation_key(pending):
    return signed_links.make(pending.pk, pending.nonce, CONFIRM_SALT)


def _read_confirmation_key(key):
    """
    The ``(id, nonce)`` a confirmation key carries, or None for anything that is not a key we
    signed. Only JSON is ever decoded; links of the old pickled format fail the signature.
    """
    return signed_links.read(key, CONFIRM_SALT, max_age=datetime.timedelta(days=CONFIRM_DAYS))


def _unsent_duplicate(discussion, comment_data):
    """The stored, unconfirmed comment this post repeats, if its confirmation mail never went out."""
    wanted = spam.normalise(comment_data["comment"])
    unsent = PendingConfirmation.objects.unsent().filter(
        discussion=discussion,
        user_email__iexact=comment_data["user_email"],
        parent_id=comment_data["parent_id"] or 0,
    )
    return next(
        (
            pending
            for pending in unsent.order_by("-created_at")[:50]
            if spam.normalise(pending.comment) == wanted
        ),
        None,
    )


def _site_root(page):
    parts = page.get_url_parts()
    root = parts[1] if parts else ""
    return root or getattr(settings, "WAGTAILADMIN_BASE_URL", "")


def send_confirmation_mail(pending, page=None, request=None):
    """
    Queue the confirmation link of a stored :class:`PendingConfirmation` (the mail task records
    it sent); False if the mail is known to have failed (logged; the row stays unsent for a
    retry). Without a request (the
    ``digiradar_comments_resend`` command) the link is built in the comment's language on the
    page's site.
    """
    page = page or pending.page.specific
    if request is None:
        with translation.override(pending.language or settings.LANGUAGE_CODE):
            path = reverse("digiradar_comments:confirm", args=[confirmation_key(pending)])
            url = _site_root(page).rstrip("/") + path
            return notifications.send_confirmation_request(pending, url, page.title)
    path = reverse("digiradar_comments:confirm", args=[confirmation_key(pending)])
    return notifications.send_confirmation_request(pending, request.build_absolute_uri(path), page.title)


def _mail_failed(request, page, discussion, form):
    """
    503: the comment is stored but its confirmation mail could not be sent. The form is shown
    again as it was sent, so that sending it once more resends the mail (no second comment).
    """
    context = _base_context(
        page=page,
        mail_failed=True,
        **discussion_context(request, page, True, form=form),
    )
    response = TemplateResponse(request, "digiradar_comments/form_page.html", context, status=503)
    response["Retry-After"] = "300"
    return response


def _page_for(request, discussion, page_id):
    """The live page a post came from; it must belong to ``discussion``."""
    try:
        page = Page.objects.live().get(pk=int(page_id)).specific
    except (TypeError, ValueError, Page.DoesNotExist):
        return None
    return page if page.translation_key == discussion.translation_key else None


def _initial_state(text):
    held_for = spam.hold_reasons(text)
    if comments_settings.COMMENTS_MODERATION == "post" and not held_for:
        return PUBLISHED, ""
    return PENDING, ",".join(held_for)


@require_POST
@never_cache
def post_comment(request):
    data = request.POST
    if data.get("content_type") != DISCUSSION_LABEL:
        return message(request, 400, _("Comment not posted"), _("This form does not belong to a discussion."))
    try:
        discussion = Discussion.objects.get(pk=int(data.get("object_pk", "")))
    except (ValueError, Discussion.DoesNotExist):
        return message(request, 404, _("Comment not posted"), _("This discussion does not exist."))
    page = _page_for(request, discussion, data.get("page"))
    found = find_block(page, CommentsBlock) if page else None
    if found is None:
        return message(request, 404, _("Comment not posted"), _("This page has no discussion."))
    value, block = found
    if not block.is_open(value):
        return message(request, 403, _("Comment not posted"), _("The discussion is closed."), page)
    if not can_post(request, True):
        return redirect_to_login(page.get_url(request))

    form = CommentForm(discussion, data=data, user=request.user)
    form.is_valid()
    if form.security_errors():
        return message(
            request,
            400,
            _("Comment not posted"),
            _("The form was changed or is too old. Please reload the page."),
            page,
        )
    if form.errors:
        context = _base_context(page=page, **discussion_context(request, page, True, form=form))
        return TemplateResponse(request, "digiradar_comments/form_page.html", context, status=400)
    if spam.hit_rate_limit(request, "post", comments_settings.COMMENTS_RATE_LIMIT):
        text = _("You have written many comments in a short time. Please wait a few minutes.")
        return message(request, 429, _("Comment not posted"), text, page)

    comment_data = form.get_comment_create_data()
    if not form.user and getattr(settings, "COMMENTS_XTD_CONFIRM_EMAIL", True):
        # Nothing is published before the link in the mail is opened; until then the comment
        # waits in a row of our own, and the link names only that row and its random nonce.
        # The row is stored before the mail is sent. If the mail fails, the row stays and the
        # same post again (or ``digiradar_comments_resend``) sends it: no duplicate row.
        pending = _unsent_duplicate(discussion, comment_data) or PendingConfirmation.objects.create(
            discussion=discussion,
            page=page,
            user_name=comment_data["user_name"],
            user_email=comment_data["user_email"],
            comment=comment_data["comment"],
            parent_id=comment_data["parent_id"] or 0,
            site_id=comment_data["site_id"],
            language=comment_data["language"],
            submit_date=comment_data["submit_date"],
        )
        if not send_confirmation_mail(pending, page, request):
            return _mail_failed(request, page, discussion, form)
        return _back_to(page.get_url(request), "confirm")

    state, held_for = _initial_state(comment_data["comment"])
    with transaction.atomic():
        comment = moderation.create_comment(comment_data, state, held_for)
    notifications.notify_new_comment(comment)
    return _back_to(page.get_url(request), "published" if state == PUBLISHED else "pending")


@require_http_methods(["GET"])
@never_cache
def write_comment(request, page_id):
    """
    The comment form on a page of its own, for a visitor whose browser runs no script and who
    comes from a page that a shared cache keeps (its discussion carries no form, only a link here).
    """
    page = Page.objects.live().public().filter(pk=page_id).first()
    found = find_block(page, CommentsBlock) if page else None
    if found is None:
        return message(request, 404, _("No discussion here"), _("This page has no discussion."))
    page = page.specific
    value, block = found
    if not block.is_open(value):
        return message(request, 403, _("The discussion is closed"), _("The discussion is closed."), page)
    if not can_post(request, True):
        return redirect_to_login(request.get_full_path())
    context = _base_context(page=page, writing=True, **discussion_context(request, page, True))
    return TemplateResponse(request, "digiradar_comments/form_page.html", context)


@require_http_methods(["GET"])
@never_cache
def confirm_comment(request, key):
    invalid = (_("Link not valid"), _("This confirmation link is not valid."))
    used = (
        _("Link no longer valid"),
        _("This confirmation link has already been used, has expired or was withdrawn."),
    )
    try:
        found_key = _read_confirmation_key(key)
    except signed_links.Expired:
        return message(request, 410, _("Link expired"), _("This confirmation link has expired."))
    if found_key is None:
        return message(request, 400, *invalid)
    pk, nonce = found_key
    pending = PendingConfirmation.objects.filter(pk=pk).select_related("discussion").first()
    if pending is not None and pending.is_expired:
        pending.delete()  # the rest are swept by digiradar_anonymise_comments
        pending = None
    if pending is None:
        # Confirmed before, expired, or erased on the author's request: never recreated.
        return message(request, 410, *used)
    if not constant_time_compare(pending.nonce, nonce):
        return message(request, 400, *invalid)
    page = _page_for(request, pending.discussion, pending.page_id)
    if page is None:
        return message(request, 404, _("Link not valid"), _("The page of this comment no longer exists."))
    found = find_block(page, CommentsBlock)
    if found is None or not found[1].is_open(found[0]):
        return message(request, 403, _("Comment not posted"), _("The discussion is closed."), page)
    data = {
        "content_type": ContentType.objects.get_for_model(Discussion),
        "object_pk": str(pending.discussion_id),
        "user": None,
        "user_name": pending.user_name,
        "user_email": pending.user_email,
        "user_url": "",
        "comment": pending.comment,
        "submit_date": pending.submit_date,
        "site_id": pending.site_id,
        "parent_id": _parent_still_open(pending),
        "language": pending.language,
    }
    state, held_for = _initial_state(pending.comment)
    with transaction.atomic():
        # Whoever deletes the row creates the comment: a link opened twice at once stores one.
        if not PendingConfirmation.objects.filter(pk=pending.pk, nonce=pending.nonce).delete()[0]:
            return message(request, 410, *used)
        comment = moderation.create_comment(data, state, held_for)
    notifications.notify_new_comment(comment)
    return _back_to(page.get_url(request), "published" if state == PUBLISHED else "pending")


def _parent_still_open(pending):
    """The comment answered to, if it still exists; else the answer starts a thread of its own."""
    if not pending.parent_id:
        return 0
    parent = Comment.objects.filter(
        pk=pending.parent_id,
        content_type=ContentType.objects.get_for_model(Discussion),
        object_pk=str(pending.discussion_id),
    ).first()
    if parent is None or parent.level >= comments_settings.COMMENTS_MAX_THREAD_LEVEL:
        return 0
    return parent.pk


def _next_url(request, comment):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate.split("?")[0].split("#")[0]
    discussion = Discussion.of_comment(comment)
    return discussion.get_absolute_url() if discussion else "/"


@require_http_methods(["GET", "POST"])
@never_cache
def report_comment(request, pk):
    comment = Comment.objects.filter(pk=pk, state=PUBLISHED).first()
    if comment is None:
        return message(
            request, 404, _("Comment not found"), _("This comment does not exist or is not published.")
        )
    back = _next_url(request, comment)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if spam.hit_rate_limit(request, "report", comments_settings.COMMENTS_REPORT_RATE_LIMIT):
            text = _("You have sent many reports in a short time. Please wait a few minutes.")
            return message(request, 429, _("Report not sent"), text)
        user = request.user if request.user.is_authenticated else None
        created = moderation.report(
            comment,
            spam.reporter_key(request),
            form.cleaned_data["reason"],
            form.cleaned_data["note"],
            user=user,
        )
        if created:
            return _back_to(back, "reported")
        form.add_error(None, _("You have already reported this comment."))
    status = 400 if request.method == "POST" else 200
    context = _base_context(comment=comment, form=form, back_url=back)
    return TemplateResponse(request, "digiradar_comments/report.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def delete_comment(request, pk):
    comment = Comment.objects.filter(pk=pk).exclude(state=REMOVED).first()
    if comment is None:
        return message(request, 404, _("Comment not found"), _("This comment does not exist."))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if comment.user_id != request.user.pk or comment.is_official:
        return message(request, 403, _("Not allowed"), _("You can only delete your own comments."))
    back = _next_url(request, comment)
    if request.method == "POST":
        moderation.delete_by_author(comment, request.user)
        return _back_to(back, "deleted")
    context = _base_context(comment=comment, back_url=back)
    return TemplateResponse(request, "digiradar_comments/delete.html", context)
