"""Inputs that used to raise inside the comments code answer 4xx with a readable message."""

import pytest
from django.core import mail

from digiradar_wagtail.comments.models import PENDING, Comment, PendingConfirmation
from tests.comments.conftest import comment_form, make_comment, post_comment

pytestmark = pytest.mark.django_db

QUEUE = "/admin/digiradar-comments/"


@pytest.mark.parametrize("q", ["\x00", "a\x00b", "%00"])
def test_nul_byte_in_the_queue_search(client, measure, moderator, q):
    make_comment(measure, "Schlaglochmelder", state=PENDING)
    client.force_login(moderator)
    # The test client sends "\x00" as %00 in the query string, as a browser would.
    response = client.get(QUEUE, {"state": "all", "q": q})
    if q == "%00":  # the literal text "%00" is a harmless search
        assert response.status_code == 200
        return
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "Suche" in html
    assert "\x00" not in html


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-45", "abc", "99999-01-01", "2024-1-1T00:00"])
@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_impossible_dates_in_the_queue_filters(client, measure, moderator, field, value):
    make_comment(measure, "Schlaglochmelder", state=PENDING)
    client.force_login(moderator)
    response = client.get(QUEUE, {field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "gültiges Datum" in html  # Django's "Enter a valid date." in German
    # The other filters still work: the pending comment is listed.
    assert "Schlaglochmelder" in html


def test_valid_dates_still_filter(client, measure, moderator):
    make_comment(measure, "Schlaglochmelder", state=PENDING)
    client.force_login(moderator)
    response = client.get(QUEUE, {"date_from": "2000-01-01", "date_to": "2999-12-31"})
    assert response.status_code == 200 and "Schlaglochmelder" in response.content.decode()
    response = client.get(QUEUE, {"date_to": "2000-01-01"})
    assert response.status_code == 200 and "Schlaglochmelder" not in response.content.decode()


@pytest.mark.parametrize("timestamp", ["9" * 400, "-" + "9" * 400, "1" + "0" * 20, "-1", "0"])
@pytest.mark.parametrize("anonymous", [True, False])
def test_absurd_timestamps_in_the_public_post(client, measure, citizen, timestamp, anonymous):
    if not anonymous:
        client.force_login(citizen)
    response = post_comment(client, measure.url, "Zeitreise", anonymous=anonymous, timestamp=timestamp)
    assert response.status_code == 400
    assert "Bitte laden Sie die Seite neu" in response.content.decode()
    assert not Comment.objects.exists() and not PendingConfirmation.objects.exists()
    assert not mail.outbox


def test_a_5000_digit_timestamp_is_refused_too(client, measure):
    action, fields = comment_form(client, measure.url)
    fields.update({"comment": "x", "consent": "on", "name": "A", "email": "a@example.org"})
    fields["timestamp"] = "9" * 5000  # beyond Python's int() digit limit
    assert client.post(action, fields).status_code == 400


def test_our_confirmation_key_at_xtds_old_confirm_url(client, measure):
    post_comment(client, measure.url, "Bestätige mich")
    key = mail.outbox[0].body.split("/confirm/")[1].split("/")[0]
    response = client.get(f"/comments/confirm/{key}/", follow=True)
    assert response.status_code == 404
    assert not Comment.objects.exists()
    assert PendingConfirmation.objects.count() == 1  # the real link still works


def test_the_results_fragment_shows_filter_errors_with_200(client, measure, moderator):
    # Wagtail's filter script swaps in the results fragment only when it answers ok: the errors
    # must come with a 200 there, or a moderator with JavaScript would never see them.
    make_comment(measure, "Schlaglochmelder", state=PENDING)
    client.force_login(moderator)
    response = client.get(QUEUE + "results/", {"date_from": "2024-02-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "gültiges Datum" in html and "Schlaglochmelder" in html


@pytest.mark.parametrize("value", ["²", "٣", "１"])
def test_non_ascii_digits_as_bulk_ids(client, measure, moderator, value):
    comment = make_comment(measure, "Schlaglochmelder", state=PENDING)
    client.force_login(moderator)
    response = client.post(f"/admin/bulk/digiradar_comments/comment/approve/?id={value}&id={comment.pk}")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == "published"
