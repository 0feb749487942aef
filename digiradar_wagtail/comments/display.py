"""The context the comments block renders: the discussion, one page of threads, the form."""

from django.conf import settings
from django.urls import reverse

from ..conf import digiradar_settings, privacy_url
from .forms import CommentForm
from .models import PUBLISHED, Discussion
from .threads import PAGE_PARAMETER, discussion_comments, thread_page

STATUS_PARAMETER = "comment"
STATUSES = {"pending", "published", "confirm", "reported", "deleted"}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def can_post(request, is_open):
    return is_open and (request.user.is_authenticated or digiradar_settings.COMMENTS_ALLOW_ANONYMOUS)


def discussion_context(request, page, is_open, form=None):
    """Everything ``digiradar_comments/comments_block.html`` needs, in a fixed number of queries."""
    discussion = Discussion.for_page(page)
    threads_page, threads = thread_page(discussion, request.GET.get(PAGE_PARAMETER))
    form = form or getattr(request, "digiradar_comment_form", None)
    reply_to = _int(request.GET.get("reply_to")) if form is None else _int(form.data.get("reply_to"))
    reply_parent = None
    if reply_to:
        reply_parent = discussion_comments(discussion).filter(pk=reply_to, state=PUBLISHED).first()
    if form is None:
        form = CommentForm(
            discussion,
            initial={"page": page.pk, "reply_to": reply_parent.pk if reply_parent else 0},
            user=request.user,
        )
    status = request.GET.get(STATUS_PARAMETER)
    return {
        "discussion": discussion,
        "threads": threads,
        "threads_page": threads_page,
        "page_parameter": PAGE_PARAMETER,
        "form": form,
        "reply_parent": reply_parent,
        "is_open": is_open,
        "can_post": can_post(request, is_open),
        "status": status if status in STATUSES else "",
        "page_url": page.get_url(request),
        "post_url": reverse("digiradar_comments:post"),
        "privacy_url": privacy_url(),
        "login_url": getattr(settings, "LOGIN_URL", ""),
        "max_level": digiradar_settings.COMMENTS_MAX_THREAD_LEVEL,
        "moderation_is_pre": digiradar_settings.COMMENTS_MODERATION != "post",
    }
