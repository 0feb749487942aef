"""
The comments' section of the weekly editors' digest (``digiradar_wagtail.digests``): per measure
of the department, how many comments came since the last digest and how many wait for a moderator,
with a link to them in the moderation queue. Counts only: no comment text. Two queries.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..mail import admin_url
from .models import PENDING, Comment, Discussion


def comments_section(measures, since):
    discussions = Discussion.objects.filter(translation_key__in=measures.values("translation_key"))
    counts = (
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(Discussion),
            object_pk__in=discussions.annotate(key=Cast("pk", CharField())).values("key"),
            submit_date__gte=since,
            is_official=False,
        )
        .values("object_pk")
        .annotate(new=Count("pk"), pending=Count("pk", filter=Q(state=PENDING)))
        .order_by("object_pk")
    )
    counts = {row["object_pk"]: row for row in counts}
    if not counts:
        return None
    items = []
    for discussion in discussions.filter(pk__in=[int(pk) for pk in counts]).select_related("page"):
        row = counts[str(discussion.pk)]
        queue = admin_url(reverse("digiradar_comments_admin:index") + f"?discussion={discussion.pk}")
        text = ngettext("%(count)d new comment", "%(count)d new comments", row["new"]) % {"count": row["new"]}
        if row["pending"]:
            text += ", " + _("%(count)d awaiting moderation") % {"count": row["pending"]}
        items.append(f"{discussion}: {text} – {queue}")
    return {"title": _("Comments"), "items": sorted(items)}
