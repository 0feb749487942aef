"""A measure page's queries do not grow with its comments: threads are paginated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db

FIGURES = {}


def add_comments(measure, count):
    """``count`` approved comments: threads of one comment with two replies (one nested)."""
    made = 0
    while made < count:
        root = make_comment(measure, f"Kommentar {made}")
        made += 1
        if made < count:
            reply = make_comment(measure, f"Antwort {made}", parent=root)
            made += 1
            if made < count:
                make_comment(measure, f"Antwort auf Antwort {made}", parent=reply)
                made += 1


def page_queries(client, url):
    client.get(url)  # warm caches that every page fills once (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("count", [0, 100, 1000])
def test_measure_page_queries_stay_constant(client, measure, count):
    baseline, _ = page_queries(client, measure.url)  # the page with an empty discussion
    add_comments(measure, count)
    queries, html = page_queries(client, measure.url)
    FIGURES[count] = queries
    print(f"\nmeasure page with {count} approved comments: {queries} queries (empty discussion: {baseline})")
    assert (
        queries <= baseline + 2
    )  # a non-empty page adds the thread page and its replies, nothing per comment
    if count:
        assert html.count('class="digiradar-comment"') <= 3 * 20  # 20 threads of at most 3 comments
        assert "?comments=2#comments" in html
