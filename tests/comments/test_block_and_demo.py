"""The comments block outside the radar, and the demo loader."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from digiradar_wagtail.comments.blocks import CommentsBlock
from digiradar_wagtail.comments.models import Comment, Discussion
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db


def test_block_works_on_any_page_type(home):
    """A CommentsBlock in another page's StreamField renders that page's own discussion."""
    make_comment(home, "Kommentar auf der Startseite")
    request = RequestFactory().get("/de/")
    request.user = AnonymousUser()
    block = CommentsBlock()
    value = block.to_python({"mode": "open", "heading": "Ihre Meinung"})
    html = block.render(value, context={"page": home, "request": request})
    assert "Ihre Meinung" in html and "Kommentar auf der Startseite" in html
    assert f'name="page" value="{home.pk}"' in html
    assert Discussion.objects.get().translation_key == home.translation_key
    closed = block.render(block.to_python({"mode": "closed"}), context={"page": home, "request": request})
    assert 'id="comment-form"' not in closed and "Kommentar auf der Startseite" in closed
    # Without a page (e.g. a block preview) the block renders nothing rather than failing.
    assert "comment-form" not in block.render(value, context={})


def test_demo_loader_is_idempotent(measure, radar):
    from demo import demo_comments

    from tests.builders import make_measure

    measures = [measure, make_measure(radar, "Offene Daten"), make_measure(radar, "Smart City")]
    demo_comments.load(measures)
    count = Comment.objects.count()
    demo_comments.load(measures)
    assert Comment.objects.count() == count == len(demo_comments.COMMENTS)
    official = Comment.objects.get(is_official=True)
    assert official.level == 1 and official.state == "published"
    assert Comment.objects.filter(level=1, is_official=False).exists()
    assert set(Comment.objects.values_list("language", flat=True)) == {"de", "en"}
