"""Hostile and broken input gives 4xx or form errors, never a 500, never a half-written comment."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from digiradar_wagtail.comments.models import Comment
from tests.comments.conftest import comment_form, make_comment, post_comment

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


def test_script_tags_are_stored_as_text_and_escaped_everywhere(client, measure, moderator):
    comment = make_comment(measure, SCRIPT, user_name="<script>alert(2)</script>")
    html = client.get(measure.url).content.decode()
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script>alert(2)" not in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    client.force_login(moderator)
    for url in ("/admin/digiradar-comments/?state=all", f"/admin/digiradar-comments/inspect/{comment.pk}/"):
        admin_html = client.get(url).content.decode()
        assert '<script>alert("x")' not in admin_html


def test_script_in_a_new_post_is_escaped_on_the_error_page(logged_in, measure):
    action, fields = comment_form(logged_in, measure.url)
    fields.update({"comment": SCRIPT, "consent": ""})  # consent missing: the form comes back
    response = logged_in.post(action, fields)
    assert response.status_code == 400
    assert '<script>alert("x")' not in response.content.decode()
    assert Comment.objects.count() == 0


def test_100000_characters_are_a_form_error(logged_in, measure):
    response = post_comment(logged_in, measure.url, "x" * 100_000, anonymous=False)
    assert response.status_code == 400
    assert "höchstens 3000 Zeichen" in response.content.decode() or "3000" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [
        {"security_hash": ""},
        {"security_hash": "0" * 40},
        {"timestamp": "1"},
        {"object_pk": "999999"},
        {"content_type": "auth.user"},
        {"content_type": "wagtailcore.page"},
        {"page": "999999"},
        {"page": "abc"},
        {"honeypot": "I am a bot"},
        {"reply_to": "abc"},
        {"object_pk": "1 OR 1=1"},
    ],
)
def test_forged_or_missing_fields_are_refused_with_4xx(logged_in, measure, change):
    action, fields = comment_form(logged_in, measure.url)
    fields.update({"comment": "Gefälscht", "consent": "on", **change})
    response = logged_in.post(action, fields)
    assert 400 <= response.status_code < 500, (change, response.status_code)
    assert Comment.objects.count() == 0


def test_missing_fields_entirely(logged_in, measure):
    for data in (
        {},
        {"content_type": "digiradar_comments.discussion"},
        {"content_type": "digiradar_comments.discussion", "object_pk": "1"},
    ):
        response = logged_in.post("/de/digiradar/comments/post/", data)
        assert 400 <= response.status_code < 500
    assert Comment.objects.count() == 0


def test_a_page_of_another_discussion_is_refused(logged_in, measure, radar):
    from tests.builders import make_measure

    other = make_measure(radar, "Anderes Projekt")
    action, fields = comment_form(logged_in, measure.url)
    fields.update({"comment": "Querverweis", "consent": "on", "page": str(other.pk)})
    assert logged_in.post(action, fields).status_code == 404
    assert Comment.objects.count() == 0


def test_missing_csrf_token_is_refused(measure, citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    action, fields = comment_form(client, measure.url)
    fields.pop("csrfmiddlewaretoken")
    fields.update({"comment": "Ohne Token", "consent": "on"})
    assert client.post(action, fields).status_code == 403
    assert Comment.objects.count() == 0


def test_get_on_post_endpoint_and_unknown_comment(client, measure):
    assert client.get("/de/digiradar/comments/post/").status_code == 405
    assert client.get("/de/digiradar/comments/999999/report/").status_code == 404
    assert client.post("/de/digiradar/comments/999999/delete/").status_code == 404


def test_forged_or_broken_confirmation_links(client, measure):
    for key in ("abc", "abc.def", ".eJzLSM3JyQcABiwCFQ.AAAA", "x" * 500):
        response = client.get(f"/de/digiradar/comments/confirm/{key}/")
        assert response.status_code == 400, key
    assert Comment.objects.count() == 0


def test_link_limit_and_duplicates(logged_in, measure):
    with override_settings(DIGIRADAR_COMMENTS_MAX_LINKS=1):
        response = post_comment(logged_in, measure.url, "http://a.example http://b.example", anonymous=False)
    assert response.status_code == 400 and Comment.objects.count() == 0
    assert post_comment(logged_in, measure.url, "Einmal reicht.", anonymous=False).status_code == 303
    response = post_comment(logged_in, measure.url, "  einmal   REICHT. ", anonymous=False)
    assert response.status_code == 400
    assert "bereits geschrieben" in response.content.decode()
    assert Comment.objects.count() == 1


def test_posting_via_django_comments_own_view_is_refused(logged_in, measure):
    action, fields = comment_form(logged_in, measure.url)
    fields.update(
        {
            "comment": "Durch die Hintertür",
            "consent": "on",
            "url": "",
            "followup": "",
            "email": "a@b.de",
            "name": "A",
        }
    )
    # django_comments' URLs are not mounted at all (LocaleMiddleware first redirects to /de/).
    response = logged_in.post("/comments/post/", fields, follow=True)
    assert response.status_code == 404
    assert Comment.objects.count() == 0
    assert not mail.outbox


def test_report_form_with_garbage(client, measure):
    comment = make_comment(measure)
    url = f"/de/digiradar/comments/{comment.pk}/report/"
    for data in (
        {},
        {"reason": "x" * 1000},
        {"reason": "spam", "note": "x" * 10_000},
        {"next": "https://evil.example/"},
    ):
        assert client.post(url, data).status_code == 400
    response = client.post(url, {"reason": "spam", "next": "https://evil.example/"})
    assert response.status_code == 303 and "evil.example" not in response["Location"]


def test_a_site_that_mounts_xtd_anyway_cannot_post_past_moderation(logged_in, measure, settings):
    """Even where django_comments' post view is reachable, our signal handler refuses the post."""
    action, fields = comment_form(logged_in, measure.url)
    fields.update(
        {"comment": "Durch die Hintertür", "url": "", "followup": "", "email": "a@b.de", "name": "A"}
    )
    settings.ROOT_URLCONF = "tests.comments.xtd_urlconf"
    response = logged_in.post("/comments/post/", fields)
    assert response.status_code == 400
    assert Comment.objects.count() == 0
