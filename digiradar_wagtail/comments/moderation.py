"""
Every change of a comment's moderation state goes through here, so that each one is written to
Wagtail's audit log with who did it and why.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from ..participation import citizen_reports, log_actions
from ..signals import subject_changed
from . import notifications
from .conf import comments_settings
from .models import HIDDEN, PENDING, PUBLISHED, REMOVED, Comment, CommentReport, Discussion, visibility_for

# The audit log's actions (their names are stored with each entry: never rename one).
APPROVE, HIDE, REMOVE, TO_PENDING, REPORT = log_actions.step_names(Comment)
AUTHOR_DELETE = "digiradar_comments.author_delete"
OFFICIAL_REPLY = "digiradar_comments.official_reply"
ERASE = "digiradar_comments.erase"

LOG_ACTIONS = {
    **log_actions.step_actions(Comment),
    AUTHOR_DELETE: (gettext_lazy("Delete own comment"), gettext_lazy("Comment deleted by its author")),
    OFFICIAL_REPLY: (gettext_lazy("Reply as the city"), gettext_lazy("City's reply published")),
    ERASE: (gettext_lazy("Erase author data"), gettext_lazy("Author's comments exported and erased")),
}


def log_action(comment, action, user=None, **data):
    """Write ``action`` on ``comment`` to Wagtail's audit log (``data``: reason, previous state, …)."""
    log(comment, action, user=user, title=_("Comment #%(id)s") % {"id": comment.pk}, data=data)


def set_state(comment, state, user=None, reason="", action=None):
    """Move ``comment`` to ``state`` and log it (:func:`set_states` of one comment)."""
    return set_states([comment], state, user, reason, action)[0]


_ACTION_FOR_STATE = {PUBLISHED: APPROVE, HIDDEN: HIDE, REMOVED: REMOVE, PENDING: TO_PENDING}


def set_states(comments, state, user=None, reason="", action=None):
    """
    Move ``comments`` to ``state``, resolve their open reports once a moderator decided, and log
    each (``action``, by default the state's): a constant number of queries, however many. Uses
    ``update()`` so that django-comments-xtd's pre_save cascade does not overwrite the states of
    the replies.
    """
    comments = list(comments)
    if not comments:
        return comments
    fields = {"state": state, "moderation_reason": reason, **visibility_for(state)}
    if state == REMOVED:
        fields["comment"] = ""  # text blanked, thread kept
    ids = [comment.pk for comment in comments]
    entries = []
    with transaction.atomic():
        Comment.objects.filter(pk__in=ids).update(**fields)
        if state in (PUBLISHED, HIDDEN, REMOVED):
            CommentReport.objects.filter(comment__in=ids, resolved=False).update(resolved=True)
        for comment in comments:
            data = {"reason": reason, "previous": comment.state, "state": state}
            entries.append((comment, _("Comment #%(id)s") % {"id": comment.pk}, data))
            for field, value in fields.items():
                setattr(comment, field, value)
        log_actions.log_many(entries, action or _ACTION_FOR_STATE[state], user=user)
    return comments


def approve(comment, user, reason=""):
    return set_state(comment, PUBLISHED, user, reason)


def hide(comment, user, reason):
    """Hide ``comment``; its author is told the reason (:func:`hide_many` of one comment)."""
    return hide_many([comment], user, reason)[0]


def approve_many(comments, user):
    return set_states(comments, PUBLISHED, user)


def hide_many(comments, user, reason):
    """Hide ``comments`` (as :func:`hide` each), each author told the reason."""
    comments = set_states(comments, HIDDEN, user, reason)
    notifications.tell_authors_hidden(comments, reason)
    return comments


def remove(comment, user, reason=""):
    return set_state(comment, REMOVED, user, reason)


def return_to_pending(comment, user, reason=""):
    return set_state(comment, PENDING, user, reason)


def delete_by_author(comment, user):
    return set_state(comment, REMOVED, user, _("Deleted by its author."), action=AUTHOR_DELETE)


def report(comment, reporter_key, reason, note="", user=None):
    """
    Record one report per person; return False if this person already reported the comment.
    Enough open reports send a published comment back to moderation (see :func:`citizen_reports.record`).
    """
    thresholds = (
        comments_settings.COMMENTS_REPORTS_TO_PENDING,
        comments_settings.COMMENTS_ANONYMOUS_REPORTS_TO_PENDING,
    )
    return citizen_reports.record(
        comment, reporter_key, reason, note, user, thresholds, log_action, set_state
    )


def reply_as_city(parent, user, text, site_id):
    """Publish the city's reply to ``parent``; it appears at once and is marked as official."""
    level_parent = parent
    if parent.level >= comments_settings.COMMENTS_MAX_THREAD_LEVEL:
        # The thread is as deep as it may go: answer alongside the comment instead.
        level_parent = Comment.objects.get(pk=parent.parent_id)
    with transaction.atomic():
        reply = Comment(
            content_type=parent.content_type,
            object_pk=parent.object_pk,
            site_id=site_id,
            user=user,
            user_name=str(city_name())[:50],
            user_email=user.email or "",
            comment=text,
            submit_date=timezone.now(),
            parent_id=level_parent.pk,
            state=PUBLISHED,
            is_official=True,
        )
        reply.save()
        log_action(reply, OFFICIAL_REPLY, user=user, reply_to=parent.pk)
        tell_followers_of_reply(reply)
    return reply


def tell_followers_of_reply(reply):
    """``subject_changed`` (kind "reply", the city's own text) for the page, once committed."""
    discussion = Discussion.of_comment(reply)
    page = discussion.page.specific if discussion and discussion.page_id and discussion.page.live else None
    if page is not None:
        transaction.on_commit(
            lambda: subject_changed.send(
                sender=Comment, subject=page, kind="reply", summary=reply.comment, url=page.get_full_url()
            )
        )


def city_name():
    """The name the city's replies are signed with."""
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or _("City")


def create_comment(data, state, held_for=""):
    """Save a new comment from the form's (or a confirmation link's) data."""
    fields = {
        key: data.get(key)
        for key in (
            "content_type",
            "object_pk",
            "user",
            "user_name",
            "user_email",
            "user_url",
            "comment",
            "submit_date",
            "site_id",
            "parent_id",
            "language",
        )
    }
    fields["user_url"] = fields["user_url"] or ""
    fields["parent_id"] = fields["parent_id"] or 0
    fields["language"] = fields["language"] or ""
    comment = Comment(**fields, state=state, held_for=held_for)
    comment.save()
    return comment


def pending_summary():
    """Count of the pending comments, how long the oldest has waited and when it came: for the
    admin menu item and the dashboard panel."""
    pending = Comment.objects.filter(state=PENDING)
    count = pending.count()
    oldest = pending.order_by("submit_date").values_list("submit_date", flat=True).first()
    return count, (timezone.now() - oldest if oldest else datetime.timedelta(0)), oldest
