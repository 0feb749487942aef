"""
What a page shows of its discussion: one page of top-level threads with their replies, in a
fixed number of queries however long the discussion grows.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q

from .conf import comments_settings
from .models import HIDDEN, PENDING, PUBLISHED, REMOVED, Comment, Discussion

PAGE_PARAMETER = "comments"


def discussion_comments(discussion):
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(Discussion), object_pk=str(discussion.pk)
    )


def shown():
    """Published comments, and placeholders for others only where replies hang below them."""
    return Q(state=PUBLISHED) | Q(state__in=[HIDDEN, REMOVED, PENDING], nested_count__gt=0)


class Node:
    """A comment with its visible replies, for the recursive thread template."""

    def __init__(self, comment):
        self.comment = comment
        self.children = []


def build_tree(comments):
    """Nest comments (ordered by thread and xtd's ``order``) under their parents."""
    nodes, roots = {}, []
    for comment in comments:
        node = nodes[comment.pk] = Node(comment)
        if comment.parent_id == comment.pk:
            roots.append(node)
            continue
        # A reply whose parent is not shown hangs below the thread's first comment.
        parent = nodes.get(comment.parent_id) or nodes.get(comment.thread_id)
        if parent is not None:
            parent.children.append(node)
    return roots


def thread_page(discussion, number):
    """Return ``(page_of_threads, tree)`` for page ``number`` (newest threads first)."""
    comments = discussion_comments(discussion).filter(shown())
    roots = comments.filter(level=0).order_by("-submit_date", "-pk").values_list("thread_id", flat=True)
    paginator = Paginator(roots, comments_settings.COMMENTS_THREADS_PER_PAGE)
    page = paginator.get_page(number)
    thread_ids = list(page.object_list)
    if not thread_ids:
        return page, []
    rows = comments.filter(thread_id__in=thread_ids).order_by("thread_id", "order")
    by_thread = {}
    for node in build_tree(rows):
        by_thread[node.comment.thread_id] = node
    return page, [by_thread[thread_id] for thread_id in thread_ids if thread_id in by_thread]
