"""A comment refused by the CSRF check (a cookie that changed while the form was open) keeps its text."""

import html
import re

import pytest
from django.core import mail
from django.test import Client

from digiradar_wagtail.comments.models import Comment

from .conftest import comment_form

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TEXT = 'Zwei Zeilen:\nmit "Anführungszeichen" & <Klammern>.'


def test_a_refused_comment_is_offered_again_with_its_text_and_stored_once_sent(measure):
    client = Client(enforce_csrf_checks=True)
    action, fields = comment_form(client, measure.url)
    fields.update({"comment": TEXT, "consent": "on", "name": "Anna", "email": "anna@example.org"})
    client.cookies["csrftoken"] = "c" * 32  # another answer replaced the cookie meanwhile
    refused = client.post(action, fields, HTTP_ORIGIN="http://testserver", REMOTE_ADDR="203.0.113.7")
    text = refused.content.decode()
    assert refused.status_code == 403 and "Erneut senden" in text
    assert not Comment.objects.exists() and mail.outbox == []
    kept = {name: html.unescape(value) for name, value in HIDDEN.findall(text)}
    assert kept["comment"] == TEXT and kept["name"] == "Anna" and kept["consent"] == "on"
    assert "&lt;Klammern&gt;" in text  # autoescaped
    kept["csrfmiddlewaretoken"] = CSRF.search(text).group(1)
    resent = client.post(action, kept, REMOTE_ADDR="203.0.113.7")
    assert resent.status_code == 303 and "comment=confirm" in resent["Location"]  # confirm by mail
    assert len(mail.outbox) == 1  # the confirmation mail of the comment, sent once
