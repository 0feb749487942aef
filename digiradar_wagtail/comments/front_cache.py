"""
Purge the front cache (Varnish, a CDN) when what a page shows of its discussion changes: a
comment approved, hidden, removed, sent back to moderation, erased, deleted, or published at once
(post-moderation, the city's replies). The discussion shows on every translation of its page, so
all of them are purged.

Every moderation action goes through ``moderation.set_state`` or ``privacy.erase``, which change
the row with ``update()`` (no ``post_save``) and write Wagtail's audit log: the log entry is the
one place they all pass through. New visible comments are saved with ``save()``. Purging is done
by the radar app's :mod:`digiradar_wagtail.front_cache`, only where the front cache is set up.
"""

import threading

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import ModelLogEntry, Page

from ..front_cache import is_enabled, purge_pages
from . import moderation
from .models import Comment, Discussion

# Everything in the audit log that changes what a page shows (a report alone changes nothing).
VISIBLE_ACTIONS = {
    moderation.APPROVE,
    moderation.HIDE,
    moderation.REMOVE,
    moderation.TO_PENDING,
    moderation.AUTHOR_DELETE,
    moderation.OFFICIAL_REPLY,
    moderation.ERASE,
}


class _Pending(threading.local):
    """What the current transaction changed, purged together once it commits."""

    def __init__(self):
        self.comment_ids = set()  # moderated comments (their log entries name them)
        self.attachments = set()  # (content_type_id, object_pk) of comments saved or deleted


_pending = _Pending()


def _purge_after_commit(comment_id=None, attachment=None):
    if comment_id is not None:
        _pending.comment_ids.add(comment_id)
    if attachment is not None:
        _pending.attachments.add(attachment)
    transaction.on_commit(_purge_pending)  # the first callback purges all; later ones find nothing


def _purge_pending():
    """
    Purge every live translation of the pages whose discussions changed: three queries however
    many comments a bulk action moderated (the comments, then the pages through their discussions).
    """
    comment_ids, _pending.comment_ids = _pending.comment_ids, set()
    attachments, _pending.attachments = _pending.attachments, set()
    if comment_ids:
        attached = Comment.objects.filter(pk__in=comment_ids).values_list("content_type_id", "object_pk")
        attachments |= set(attached)
    discussion_type = ContentType.objects.get_for_model(Discussion).pk
    discussion_ids = {
        int(object_pk)
        for content_type_id, object_pk in attachments
        if content_type_id == discussion_type and str(object_pk).isdigit()
    }
    if discussion_ids:
        keys = Discussion.objects.filter(pk__in=discussion_ids).values("translation_key")
        purge_pages(Page.objects.live().filter(translation_key__in=keys))


def _moderated(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.action not in VISIBLE_ACTIONS:
        return
    if instance.content_type_id == ContentType.objects.get_for_model(Comment).pk and is_enabled():
        _purge_after_commit(comment_id=instance.object_id)


def _saved_or_deleted(sender, instance, raw=False, **kwargs):
    # A pending comment shows nowhere: its saving or deletion changes no page.
    if not raw and instance.is_public and is_enabled():
        _purge_after_commit(attachment=(instance.content_type_id, instance.object_pk))


def connect():
    post_save.connect(_moderated, sender=ModelLogEntry, dispatch_uid="digiradar_comments_front_cache_log")
    post_save.connect(_saved_or_deleted, sender=Comment, dispatch_uid="digiradar_comments_front_cache_saved")
    post_delete.connect(
        _saved_or_deleted, sender=Comment, dispatch_uid="digiradar_comments_front_cache_deleted"
    )
