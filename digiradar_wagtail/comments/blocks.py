"""
The comments block and how it is drawn. The block itself is defined with the radar's
participation blocks (``digiradar_wagtail.participation.blocks``), so that a measure's StreamField
is the same with or without this app; put it in any page's StreamField:
``("comments", CommentsBlock())``. ``AppConfig.ready()`` registers :func:`render_comments_block`.
"""

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from ..conf import privacy_url
from ..participation.blocks import CommentsBlock
from ..public.shared_cache import rendered_for_everyone
from .conf import comments_settings
from .forms import CommentForm
from .models import PUBLISHED, Discussion
from .threads import PAGE_PARAMETER, discussion_comments, thread_page

__all__ = ["CommentsBlock", "can_post", "discussion_context", "render_comments_block"]

TEMPLATE = "digiradar_comments/comments_block.html"
STATUS_PARAMETER = "comment"
STATUSES = {"pending", "published", "confirm", "reported", "deleted"}


def render_comments_block(block, value, parent_context):
    """The discussion of the page in ``parent_context``."""
    context = block.get_context(value, parent_context=parent_context)
    page, request = parent_context.get("page"), parent_context.get("request")
    if page is None or request is None or not getattr(page, "pk", None):
        # Previews of the block alone (no page) show nothing to discuss.
        context["comments_unavailable"] = True
    else:
        context.update(discussion_context(request, page, block.is_open(value)))
    # With the request, so that the context processors (the CSRF token) run where no page
    # template did, as on the vote page and in the per-visitor endpoint.
    return mark_safe(render_to_string(TEMPLATE, context, request=request))  # autoescaped template


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def privacy_setting_page(request):
    """
    The live privacy page chosen in the site setting (Settings > Privacy page for comments) for
    the request's site, in the active language where a live translation exists; None without
    ``wagtail.contrib.settings``, without a choice, or when the page is not live.
    """
    if not apps.is_installed("wagtail.contrib.settings"):
        return None
    from wagtail.models import Site

    from .models import CommentsPrivacySetting

    site = Site.find_for_request(request)
    if site is None:
        return None
    # Read only: a visit never creates the setting's row (Wagtail's for_request would).
    setting = CommentsPrivacySetting.objects.filter(site=site).select_related("privacy_page").first()
    page = setting.privacy_page if setting else None
    if page is None or not page.live:
        return None
    return page.localized


def consent_privacy_url(request):
    """Where the consent checkbox links to: the site setting's page, else ``DIGIRADAR_PRIVACY_URL``."""
    page = privacy_setting_page(request)
    url = page.get_url(request) if page is not None else None
    return url or privacy_url()


def can_post(request, is_open):
    return is_open and (request.user.is_authenticated or comments_settings.COMMENTS_ALLOW_ANONYMOUS)


def discussion_context(request, page, is_open, form=None):
    """Everything ``digiradar_comments/comments_block.html`` needs, in a fixed number of queries."""
    discussion = Discussion.for_page(page)
    threads_page, threads = thread_page(discussion, request.GET.get(PAGE_PARAMETER))
    reply_to = _int(request.GET.get("reply_to")) if form is None else _int(form.data.get("reply_to"))
    reply_parent = None
    if reply_to:
        reply_parent = discussion_comments(discussion).filter(pk=reply_to, state=PUBLISHED).first()
    shared = rendered_for_everyone(request)
    if form is None and not shared:
        form = CommentForm(
            discussion,
            initial={"page": page.pk, "reply_to": reply_parent.pk if reply_parent else 0},
            user=request.user,
        )
    status = request.GET.get(STATUS_PARAMETER)
    write_url = reverse("digiradar_comments:write", kwargs={"page_id": page.pk})
    return {
        # Rendered for a shared cache: no form (its tokens are the visitor's), a link to the
        # uncached form page instead, and the page's script fetches the visitor's version.
        "shared": shared,
        "personal_url": reverse("digiradar_personal_parts", kwargs={"page_id": page.pk}) if shared else "",
        "write_url": write_url,
        "reply_base_url": write_url if shared else page.get_url(request),
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
        "privacy_url": consent_privacy_url(request),
        "login_url": getattr(settings, "LOGIN_URL", ""),
        "max_level": comments_settings.COMMENTS_MAX_THREAD_LEVEL,
        "moderation_is_pre": comments_settings.COMMENTS_MODERATION != "post",
    }
