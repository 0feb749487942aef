"""Demo comments: approved citizen comments (mostly German, two English), a reply and a city reply.

``load(measures)`` is called by ``load_demo`` with the German measure pages; running it again adds nothing.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from digiradar_wagtail.comments.models import PUBLISHED, Comment, Discussion

# (measure index, author, language, text, reply to index in this list or None, official)
COMMENTS = [
    (
        0,
        "Anna K.",
        "de",
        "Endlich! Ich hoffe, die Online-Anträge funktionieren dann auch auf dem Handy.",
        None,
        False,
    ),
    (
        0,
        "Stadt",
        "de",
        "Danke für den Hinweis. Alle neuen Online-Dienste werden zuerst für Smartphones getestet.",
        0,
        True,
    ),
    (0, "Jonas", "de", "Wird es auch eine Beratung vor Ort für Menschen ohne Internet geben?", None, False),
    (0, "Maria", "de", "Gute Frage, das würde mich auch interessieren.", 2, False),
    (1, "Sam", "en", "Will the open data also be available in English?", None, False),
    (1, "Petra", "de", "Bitte die Daten als CSV und nicht nur als PDF veröffentlichen.", None, False),
    (2, "Lee", "en", "Great to see progress reported with a published method.", None, False),
    (2, "Hans W.", "de", "Wie wird der Datenschutz bei diesem Projekt geprüft?", None, False),
]


def load(measures):
    """Add the demo comments to the first German ``measures`` unless they already have comments."""
    measures = list(measures)[:3]
    if not measures:
        return
    discussion_type = ContentType.objects.get_for_model(Discussion)
    discussions = [Discussion.for_page(measure) for measure in measures]
    if Comment.objects.filter(
        content_type=discussion_type, object_pk__in=[str(d.pk) for d in discussions]
    ).exists():
        return
    start = timezone.now() - datetime.timedelta(days=20)
    saved = []
    for index, (measure_index, author, language, text, reply_to, official) in enumerate(COMMENTS):
        if measure_index >= len(discussions):
            saved.append(None)
            continue
        parent = saved[reply_to] if reply_to is not None else None
        comment = Comment(
            content_type=discussion_type,
            object_pk=str(discussions[measure_index].pk),
            site_id=1,
            user_name=author,
            user_email="" if official else f"demo{index}@example.invalid",
            comment=text,
            submit_date=start + datetime.timedelta(days=index, hours=index),
            parent_id=parent.pk if parent else 0,
            language=language,
            state=PUBLISHED,
            is_official=official,
        )
        comment.save()
        saved.append(comment)
