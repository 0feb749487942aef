"""Privacy (no IP stored, anonymisation, export and erasure) and rate limits in the shared cache."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.models import ModelLogEntry

from digiradar_wagtail.comments.models import REMOVED, Comment
from tests.builders import days_ago
from tests.comments.conftest import make_comment, post_comment

pytestmark = pytest.mark.django_db


def test_no_ip_address_is_stored_on_any_path(client, measure, citizen):
    client.force_login(citizen)
    with override_settings(DIGIRADAR_COMMENTS_MODERATION="post"):
        post_comment(client, measure.url, "Ohne IP", anonymous=False, REMOTE_ADDR="203.0.113.99")
    make_comment(measure, "Direkt gespeichert", ip_address="203.0.113.98")
    assert Comment.objects.count() == 2
    assert list(Comment.objects.values_list("ip_address", flat=True)) == [None, None]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_comments WHERE ip_address IS NOT NULL")
        assert cursor.fetchone()[0] == 0


def test_anonymise_command_blanks_old_personal_data_only(measure, citizen):
    old = make_comment(measure, "Alt", submit_date=days_ago(400), user=citizen)
    recent = make_comment(measure, "Neu", submit_date=days_ago(10))
    call_command("digiradar_anonymise_comments")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.user_name, old.user_email, old.user_id, old.comment) == ("", "", None, "Alt")
    assert (recent.user_name, recent.user_email) == ("Bea", "bea@example.org")
    call_command("digiradar_anonymise_comments", days=5)
    recent.refresh_from_db()
    assert recent.user_email == ""


def test_export_and_erase_all_comments_of_one_address(client, measure, moderator):
    first = make_comment(measure, "Erster", user_email="Erika@Example.org", user_name="Erika")
    reply = make_comment(measure, "Antwort von jemand anderem", parent=first)
    second = make_comment(measure, "Zweiter", user_email="erika@example.org", user_name="Erika")
    client.force_login(moderator)
    response = client.post(
        "/admin/digiradar-comments/privacy/", {"email": "erika@example.org", "do": "export"}
    )
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    exported = json.loads(response.content)
    assert [c["comment"] for c in exported["comments"]] == ["Erster", "Zweiter"]
    assert client.post("/admin/digiradar-comments/privacy/", {"email": "kein-mail"}).status_code == 400

    client.post("/admin/digiradar-comments/privacy/", {"email": "erika@example.org", "do": "erase"})
    for comment in (first, second):
        comment.refresh_from_db()
        assert (comment.comment, comment.user_name, comment.user_email, comment.state) == (
            "",
            "",
            "",
            REMOVED,
        )
        assert (
            ModelLogEntry.objects.for_instance(comment)
            .filter(action="digiradar_comments.erase", user=moderator)
            .exists()
        )
    reply.refresh_from_db()
    assert reply.comment == "Antwort von jemand anderem"  # the thread stays
    html = client.get(measure.url).content.decode()
    assert "Erster" not in html and "Antwort von jemand anderem" in html


@override_settings(DIGIRADAR_COMMENTS_RATE_LIMIT=2, DIGIRADAR_COMMENTS_MODERATION="post")
def test_posting_is_rate_limited_per_client_address(client, measure, citizen):
    client.force_login(citizen)
    for n in range(2):
        assert post_comment(client, measure.url, f"Kommentar {n}", anonymous=False).status_code == 303
    response = post_comment(client, measure.url, "Einer zu viel", anonymous=False)
    assert response.status_code == 429
    assert "Bitte warten Sie einige Minuten" in response.content.decode()
    assert Comment.objects.count() == 2
    # Another address is not affected.
    response = post_comment(client, measure.url, "Von woanders", anonymous=False, REMOTE_ADDR="198.51.100.50")
    assert response.status_code == 303
    # The cache key is a hash: the address appears in no key (checked where the cache can list its keys).
    from django.core.cache import cache
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(cache, LocMemCache):
        assert cache._cache and not any("203.0.113" in str(key) for key in cache._cache)


@override_settings(DIGIRADAR_COMMENTS_REPORT_RATE_LIMIT=2)
def test_reporting_is_rate_limited(client, measure):
    comments = [make_comment(measure, f"K{n}") for n in range(3)]
    statuses = [
        client.post(f"/de/digiradar/comments/{c.pk}/report/", {"reason": "spam"}).status_code
        for c in comments
    ]
    assert statuses == [303, 303, 429]
