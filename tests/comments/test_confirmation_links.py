"""
Confirmation links carry only a row id and a nonce, signed as JSON: a leaked SECRET_KEY must not
turn a link into code execution, a link works once, and an erased author's link does nothing.
"""

import builtins
import datetime
import re

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone
from django_comments_xtd import signed as xtd_signed

from digiradar_wagtail.comments.models import PENDING, Comment, PendingConfirmation
from digiradar_wagtail.comments.views import CONFIRM_SALT
from tests.comments.conftest import post_comment

pytestmark = pytest.mark.django_db

TEXT = "Bitte Radwege beleuchten."


def confirm_link(message):
    return re.search(r"https?://[^\s]+/confirm/[^\s]+/", message.body).group(0)


def confirm_url(key):
    return f"/de/digiradar/comments/confirm/{key}/"


class CreatesFile:
    """Unpickling this creates the file ``path``: the visible side effect of code execution."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (builtins.open, (self.path, "w"))


class PickleSerializer:
    """A serializer for django.core.signing that pickles (what an attacker would sign)."""

    def dumps(self, obj):
        import pickle

        return pickle.dumps(obj)

    def loads(self, data):  # pragma: no cover - never called by our code
        import pickle

        return pickle.loads(data)


def assert_refused_readably(response, status=400):
    assert response.status_code == status
    html = response.content.decode()
    assert "<h1>" in html and "Link" in html


@pytest.mark.parametrize("compress", [False, True])
def test_old_pickled_link_signed_with_the_real_secret_is_refused_and_never_unpickled(
    client, measure, tmp_path, compress
):
    salt = getattr(settings, "COMMENTS_XTD_SALT", b"")
    # The payload is live: django-comments-xtd's own loader would run it.
    probe = tmp_path / "probe"
    xtd_signed.loads(xtd_signed.dumps(CreatesFile(probe), compress=compress, extra_key=salt), extra_key=salt)
    assert probe.exists()

    target = tmp_path / "pwned"
    key = xtd_signed.dumps(CreatesFile(target), compress=compress, extra_key=salt).decode()
    assert_refused_readably(client.get(confirm_url(key)))
    assert not target.exists()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("compress", [False, True])
def test_pickle_inside_a_validly_signed_value_with_our_salt_is_refused(client, measure, tmp_path, compress):
    target = tmp_path / "pwned"
    key = signing.dumps(
        CreatesFile(target), salt=CONFIRM_SALT, serializer=PickleSerializer, compress=compress
    )
    assert_refused_readably(client.get(confirm_url(key)))
    assert not target.exists()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        [1, "x"],
        {"id": "1", "nonce": "x"},
        {"id": 1},
        {"id": 1, "nonce": 5},
        {"id": 10**30, "nonce": "x"},
        {"id": True, "nonce": "x"},
        {"id": 1, "nonce": "x", "comment": "eingeschmuggelt"},
        "text",
    ],
)
def test_json_keys_of_the_wrong_shape_are_refused(client, measure, payload):
    key = signing.dumps(payload, salt=CONFIRM_SALT)
    assert_refused_readably(client.get(confirm_url(key)))
    assert Comment.objects.count() == 0


def test_key_signed_with_another_salt_is_refused(client, measure):
    post_comment(client, measure.url, TEXT)
    pending = PendingConfirmation.objects.get()
    key = signing.dumps({"id": pending.pk, "nonce": pending.nonce}, salt="another.salt")
    assert_refused_readably(client.get(confirm_url(key)))
    assert Comment.objects.count() == 0


def test_post_mail_confirm_creates_the_comment_once(client, measure, moderator):
    response = post_comment(client, measure.url, TEXT)
    assert response.status_code == 303 and response["Location"].endswith("?comment=confirm#comments")
    pending = PendingConfirmation.objects.get()
    assert (pending.comment, pending.user_name, pending.user_email) == (TEXT, "Anna", "anna@example.org")
    assert Comment.objects.count() == 0
    link = confirm_link(mail.outbox[0])
    key = link.rstrip("/").rsplit("/", 1)[1]
    # Only an id and a nonce travel in the link: neither the text nor the address.
    assert signing.loads(key, salt=CONFIRM_SALT) == {"id": pending.pk, "nonce": pending.nonce}
    assert "anna" not in link.lower()

    response = client.get(link)
    assert response.status_code == 303
    assert response["Location"] == f"{measure.url}?comment=pending#comments"
    comment = Comment.objects.get()
    assert (comment.comment, comment.user_name, comment.user_email, comment.state) == (
        TEXT,
        "Anna",
        "anna@example.org",
        PENDING,
    )
    assert not PendingConfirmation.objects.exists()

    again = client.get(link)
    assert_refused_readably(again, 410)
    assert "bereits verwendet" in again.content.decode()
    assert Comment.objects.count() == 1


def test_a_forged_nonce_is_refused_and_the_real_link_still_works(client, measure):
    post_comment(client, measure.url, TEXT)
    pending = PendingConfirmation.objects.get()
    forged = signing.dumps({"id": pending.pk, "nonce": "guessed"}, salt=CONFIRM_SALT)
    assert_refused_readably(client.get(confirm_url(forged)))
    assert Comment.objects.count() == 0
    assert client.get(confirm_link(mail.outbox[0])).status_code == 303
    assert Comment.objects.filter(comment=TEXT).count() == 1


def test_expired_links_are_refused_and_expired_rows_deleted(client, measure):
    post_comment(client, measure.url, TEXT)
    PendingConfirmation.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    response = client.get(confirm_link(mail.outbox[0]))
    assert_refused_readably(response, 410)
    assert not PendingConfirmation.objects.exists() and not Comment.objects.exists()


def test_the_anonymise_command_deletes_expired_unconfirmed_comments(client, measure):
    post_comment(client, measure.url, TEXT)
    post_comment(client, measure.url, "Noch frisch.", email="neu@example.org")
    PendingConfirmation.objects.filter(comment=TEXT).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    call_command("digiradar_anonymise_comments", stdout=open("/dev/null", "w"))
    assert list(PendingConfirmation.objects.values_list("comment", flat=True)) == ["Noch frisch."]


def test_erasure_is_final_even_with_the_original_link(client, measure, moderator):
    post_comment(client, measure.url, TEXT)
    link = confirm_link(mail.outbox[0])
    assert client.get(link).status_code == 303
    # A second comment of the same author, still unconfirmed when the erasure comes.
    post_comment(client, measure.url, "Und noch etwas.", REMOTE_ADDR="203.0.113.8")
    second_link = confirm_link(mail.outbox[-1])
    assert PendingConfirmation.objects.count() == 1

    client.force_login(moderator)
    response = client.post(
        "/admin/digiradar-comments/privacy/", {"email": "ANNA@example.org", "do": "erase"}, follow=True
    )
    assert response.status_code == 200
    assert "1 unbestätigter Kommentar gelöscht" in response.content.decode()
    client.logout()

    for url in (link, second_link, link):
        assert_refused_readably(client.get(url), 410)
    assert not PendingConfirmation.objects.exists()
    assert not Comment.objects.filter(comment__in=[TEXT, "Und noch etwas."]).exists()
    assert not Comment.objects.filter(user_name="Anna").exists()
    assert not Comment.objects.filter(user_email__iexact="anna@example.org").exists()
    html = client.get(measure.url).content.decode()
    assert TEXT not in html and "Und noch etwas." not in html


def test_export_lists_unconfirmed_comments_too(client, measure, moderator):
    post_comment(client, measure.url, TEXT)
    client.force_login(moderator)
    response = client.post(
        "/admin/digiradar-comments/privacy/", {"email": "anna@example.org", "do": "export"}
    )
    assert response.status_code == 200
    assert [c["comment"] for c in response.json()["unconfirmed"]] == [TEXT]


def test_the_same_text_twice_before_confirming_is_a_duplicate(client, measure):
    post_comment(client, measure.url, TEXT)
    response = post_comment(client, measure.url, "  bitte radwege BELEUCHTEN. ")
    assert response.status_code == 400
    assert "bereits geschrieben" in response.content.decode()
    assert PendingConfirmation.objects.count() == 1 and len(mail.outbox) == 1
