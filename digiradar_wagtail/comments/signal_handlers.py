"""Close the side door: django_comments' own post view must not bypass our moderation."""

from django_comments.signals import comment_will_be_posted


def refuse_foreign_posts(sender, comment, request, **kwargs):
    """Refuse posts to a Discussion that do not come through our view (django_comments answers 400)."""
    content_type = getattr(comment, "content_type", None)
    if content_type is not None and content_type.app_label == "digiradar_comments":
        return False
    return True


def connect():
    comment_will_be_posted.connect(refuse_foreign_posts, dispatch_uid="digiradar_comments_refuse_foreign")
