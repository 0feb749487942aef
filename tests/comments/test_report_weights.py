"""
Reports from anonymous visitors weigh less than reports from logged-in users: three addresses
must not be able to hide any published comment.
"""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.comments.models import PENDING, PUBLISHED, CommentReport
from tests.comments.conftest import make_comment

pytestmark = pytest.mark.django_db


def report_url(comment):
    return f"/de/digiradar/comments/{comment.pk}/report/"


def report_anonymously(client, comment, count, first=1):
    for number in range(first, first + count):
        response = client.post(report_url(comment), {"reason": "abuse"}, REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 303


def report_logged_in(client, comment, users):
    for user in users:
        client.force_login(user)
        assert client.post(report_url(comment), {"reason": "abuse"}).status_code == 303
        client.logout()


@pytest.fixture
def users(django_user_model):
    return [django_user_model.objects.create_user(f"user{n}", f"user{n}@example.org", "pw") for n in range(5)]


def state_of(comment):
    comment.refresh_from_db()
    return comment.state


def test_three_anonymous_reports_leave_the_comment_published_but_moderators_see_them(
    client, measure, moderator
):
    comment = make_comment(measure, "Unbequem, aber sachlich")
    report_anonymously(client, comment, 3)
    assert state_of(comment) == PUBLISHED
    assert "Unbequem, aber sachlich" in client.get(measure.url).content.decode()
    assert CommentReport.objects.filter(comment=comment, reporter__isnull=True).count() == 3
    client.force_login(moderator)
    html = client.get("/admin/digiradar-comments/", {"state": "all", "reported": "1"}).content.decode()
    assert "Unbequem, aber sachlich" in html
    assert re.search(r"<td[^>]*>\s*3\s*</td>", html)  # the open reports column


def test_ten_anonymous_reports_send_it_to_pending_by_default(client, measure):
    comment = make_comment(measure)
    report_anonymously(client, comment, 9)
    assert state_of(comment) == PUBLISHED
    report_anonymously(client, comment, 1, first=10)
    assert state_of(comment) == PENDING


def test_three_logged_in_reports_send_it_to_pending(client, measure, users):
    comment = make_comment(measure, "Beleidigend")
    report_logged_in(client, comment, users[:2])
    assert state_of(comment) == PUBLISHED
    report_logged_in(client, comment, users[2:3])
    assert state_of(comment) == PENDING
    assert "Beleidigend" not in client.get(measure.url).content.decode()


def test_logged_in_and_anonymous_reports_add_up(client, measure, users):
    comment = make_comment(measure)
    report_logged_in(client, comment, users[:2])  # 2/3
    report_anonymously(client, comment, 3)  # + 3/10
    assert state_of(comment) == PUBLISHED
    report_anonymously(client, comment, 1, first=4)  # + 1/10 = 1
    assert state_of(comment) == PENDING


@override_settings(DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING=3, DIGIRADAR_COMMENTS_REPORTS_TO_PENDING=5)
def test_thresholds_are_settings(client, measure, users):
    anonymous = make_comment(measure, "Erster")
    report_anonymously(client, anonymous, 3)
    assert state_of(anonymous) == PENDING
    logged_in = make_comment(measure, "Zweiter")
    report_logged_in(client, logged_in, users[:4])
    assert state_of(logged_in) == PUBLISHED
    report_logged_in(client, logged_in, users[4:])
    assert state_of(logged_in) == PENDING


@override_settings(DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING=0)
def test_zero_means_anonymous_reports_never_hide_on_their_own(client, measure):
    comment = make_comment(measure)
    report_anonymously(client, comment, 12)
    assert state_of(comment) == PUBLISHED


def test_the_anonymous_threshold_is_checked():
    from django.core.checks import run_checks
    from django.test import override_settings as override

    assert "digiradar_comments.E011" not in {m.id for m in run_checks()}
    for value in (-1, "10", 2.5, True):
        with override(DIGIRADAR_COMMENTS_ANONYMOUS_REPORTS_TO_PENDING=value):
            assert "digiradar_comments.E011" in {m.id for m in run_checks()}, value


def test_a_report_counts_the_open_reports_in_one_query(client, measure, users):
    comment = make_comment(measure)
    report_logged_in(client, comment, users[:2])
    report_anonymously(client, comment, 1)
    client.force_login(users[2])
    with CaptureQueriesContext(connection) as queries:
        assert client.post(report_url(comment), {"reason": "abuse"}).status_code == 303
    table = CommentReport._meta.db_table
    counting = [q["sql"] for q in queries if table in q["sql"] and "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1, counting  # signed-in and anonymous open reports together
    assert state_of(comment) == PENDING  # the third logged-in report: the counts are right
