"""
Public pages of the follow app, none cached: the follow form (address or, logged in, one click),
confirming by the mailed link, and unsubscribing from one follow or, from a weekly digest, from all
weekly follows at once (a page with a button, and RFC 8058's one-click POST that mail programs
send). Every refusal is a clear 4xx page.
"""

from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..conf import digiradar_settings
from ..participation.ratelimit import client_hash, within_limit
from . import links, mails, subjects
from .conf import follow_settings
from .forms import FollowForm, UserFollowForm
from .models import Frequency, Subscription


def _render(request, template, status=200, **context):
    context.setdefault("base_template", digiradar_settings.BASE_TEMPLATE)
    return TemplateResponse(request, f"digiradar_follow/{template}.html", context, status=status)


def message(request, status, title, text, subject=None):
    """A short page that says what happened or why a request was refused."""
    back = subjects.public_url(subject, request) if subject is not None else ""
    return _render(request, "message", status, title=title, text=text, back_url=back)


def _subject_context(request, subject):
    return {
        "subject": subject,
        "subject_title": subjects.title(subject),
        "subject_url": subjects.public_url(subject, request),
    }


def _following(request, context, subscription):
    title = _("You follow “%(title)s”") % {"title": context["subject_title"]}
    return _render(
        request, "following", title=title, subscription=subscription, **context, **_unsubscribe(subscription)
    )


def _form_page(request, context, form, status, **extra):
    title = _("Follow “%(title)s”") % {"title": context["subject_title"]}
    return _render(request, "follow", status, title=title, form=form, **context, **extra)


def _rate_limited(request):
    key = client_hash(request, "follow.request", address_only=True)
    return not within_limit(
        f"digiradar:follow:{key}", follow_settings.FOLLOW_RATE_WINDOW, follow_settings.FOLLOW_RATE_LIMIT
    )


@require_http_methods(["GET", "POST"])
@never_cache
def follow(request, model, object_id):
    """
    The follow page of a subject: logged in (with an address on the account), one click; else an
    address and how often, confirmed by a mailed link.
    """
    subject = subjects.find(model, object_id)
    if subject is None:
        return message(request, 404, _("Not found"), _("There is nothing to follow here."))
    content_type, object_id = subjects.key(subject)
    language = subjects.language_of(subject, translation.get_language())
    rows = {"content_type": content_type, "object_id": object_id, "language": language}
    context = _subject_context(request, subject)
    if request.user.is_authenticated and request.user.email:
        return _follow_as_user(request, context, rows)
    return _follow_by_mail(request, context, rows, subject)


def _create(rows, **fields):
    """The subscription of ``rows`` + ``fields``: created, or the one a parallel request created."""
    unique = {name: value for name, value in fields.items() if name in ("user", "email")}
    try:
        with transaction.atomic():
            return Subscription.objects.create(**rows, **fields)
    except IntegrityError:  # the same click twice at once
        return Subscription.objects.of(rows["content_type"], rows["object_id"]).get(**unique)


def _follow_as_user(request, context, rows):
    existing = (
        Subscription.objects.of(rows["content_type"], rows["object_id"]).filter(user=request.user).first()
    )
    form = UserFollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and existing is None and form.is_valid():
        frequency = form.cleaned_data["frequency"]
        existing = _create(rows, user=request.user, frequency=frequency, confirmed_at=timezone.now())
    if existing is not None:
        return _following(request, context, existing)
    return _form_page(request, context, form, 400 if request.method == "POST" else 200, logged_in=True)


def _follow_by_mail(request, context, rows, subject):
    form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, context, form, 400 if request.method == "POST" else 200)
    if _rate_limited(request):
        text = _("You have asked to follow many times in a short time. Please wait a few minutes.")
        return message(request, 429, _("Please wait"), text, subject)
    email, frequency = form.cleaned_data["email"], form.cleaned_data["frequency"]
    subscription = (
        Subscription.objects.of(rows["content_type"], rows["object_id"]).filter(email=email).first()
    )
    if subscription is not None and subscription.is_expired:
        subscription.delete()
        subscription = None
    if subscription is None:
        subscription = _create(rows, email=email, frequency=frequency)
    if subscription.confirmed_at is None:
        Subscription.objects.filter(pk=subscription.pk).update(frequency=frequency)
        confirm_path = reverse("digiradar_follow:confirm", args=[links.make(subscription, links.CONFIRM)])
        mails.send_confirmation(
            subscription,
            subjects.title(subject),
            request.build_absolute_uri(confirm_path),
            request.build_absolute_uri(_unsubscribe(subscription)["unsubscribe_url"]),
        )
    # The same answer whether or not the address already follows: nobody learns who follows.
    return _render(request, "check_mail", title=_("Please check your mail"), **context)


def _unsubscribe(subscription):
    path = reverse("digiradar_follow:unsubscribe", args=[links.make(subscription, links.UNSUBSCRIBE)])
    return {"unsubscribe_url": path}


def _subject_of(subscription):
    content_type = subscription.content_type
    return subjects.find(f"{content_type.app_label}.{content_type.model}", subscription.object_id)


@require_http_methods(["GET", "POST"])
@never_cache
def confirm(request, token):
    """GET shows a button (mail scanners open links too); its POST confirms."""
    try:
        subscription = links.read(token, links.CONFIRM)
    except links.Expired:
        return message(
            request, 410, _("Link expired"), _("This confirmation link has expired. Please follow again.")
        )
    if subscription is Subscription.DoesNotExist or (subscription is not None and subscription.is_expired):
        text = _("This confirmation link has expired or was withdrawn. Please follow again.")
        return message(request, 410, _("Link no longer valid"), text)
    if subscription is None:
        return message(request, 400, _("Link not valid"), _("This confirmation link is not valid."))
    subject = _subject_of(subscription)
    if subject is None:
        return message(request, 404, _("Not found"), _("What you wanted to follow is no longer published."))
    context = _subject_context(request, subject)
    if subscription.confirmed_at is None and request.method == "POST":
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        subscription.confirmed_at = timezone.now()
    if subscription.confirmed_at is None:
        return _render(request, "confirm", title=_("Confirm that you follow"), **context)
    return _following(request, context, subscription)


def _unsubscribing(request, token, purpose):
    """
    ``(subscription, None)`` for an unsubscribe token (``Subscription.DoesNotExist`` if its follow
    is gone already), or ``(None, page)`` refusing a token we did not sign.
    """
    try:
        subscription = links.read(token, purpose)
    except links.Expired:  # unsubscribe tokens do not expire; kept for completeness
        subscription = None
    if subscription is None:
        return None, message(request, 400, _("Link not valid"), _("This unsubscribe link is not valid."))
    return subscription, None


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token authorises it
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, token):
    """
    GET: a page with one button. POST (the button, or a mail program's one-click request with
    ``List-Unsubscribe=One-Click``): the follow and its address are deleted. Authorised by the
    signed token alone, so it needs no CSRF token; a forged token deletes nothing.
    """
    subscription, refused = _unsubscribing(request, token, links.UNSUBSCRIBE)
    if refused is not None:
        return refused
    if subscription is Subscription.DoesNotExist:
        return message(
            request, 200, _("Unsubscribed"), _("You no longer follow this. Your address is deleted.")
        )
    subject = _subject_of(subscription)
    if request.method == "POST":
        Subscription.objects.filter(pk=subscription.pk).delete()
        text = _("You no longer follow this. Your address is deleted.")
        return message(request, 200, _("Unsubscribed"), text, subject)
    context = _subject_context(request, subject) if subject is not None else {"subject_title": ""}
    return _render(request, "unsubscribe", title=_("Stop following"), **context)


@csrf_exempt  # RFC 8058: mail programs POST here without a form; the signed token authorises it
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe_weekly(request, token):
    """
    The one-click link of a digest that tells of several follows: like :func:`unsubscribe`, but
    the POST deletes every weekly follow of the person the token's follow belongs to (the same
    address, or the same account), and the address with them. At-once follows are kept.
    """
    subscription, refused = _unsubscribing(request, token, links.UNSUBSCRIBE_WEEKLY)
    if refused is not None:
        return refused
    if subscription is Subscription.DoesNotExist:
        # The follow that names the person is gone: who else to delete is unknown.
        text = _(
            "This link belonged to a follow that has already ended. Each of your other follows "
            "can be ended with the link next to it in the weekly mail."
        )
        return message(request, 410, _("Link no longer valid"), text)
    weekly = Subscription.objects.of_person(subscription).filter(frequency=Frequency.WEEKLY)
    if request.method == "POST":
        weekly.delete()
        text = _("You no longer follow anything weekly. Your address is deleted with those follows.")
        return message(request, 200, _("Unsubscribed"), text)
    count = weekly.count()
    question = ngettext(
        "Stop your %(count)d weekly follow? Your address is deleted with it.",
        "Stop all your %(count)d weekly follows? Your address is deleted with them.",
        count,
    ) % {"count": count}
    return _render(request, "unsubscribe", title=_("Stop all weekly mails"), question=question)
