"""
Any app's object can be followed without the follow app knowing its model (as the ideas app's
ideas are): the model says ``digiradar_followable = True``, the app sends ``subject_changed``.
Shown here with a topic snippet standing in for such an object.
"""

import pytest
from django.core import mail

from digiradar_wagtail.extensions import follow_link
from digiradar_wagtail.models import Topic
from digiradar_wagtail.signals import subject_changed
from tests import builders
from tests.follow.conftest import follow_by_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def followable_topic(monkeypatch, home):
    monkeypatch.setattr(Topic, "digiradar_followable", True, raising=False)
    monkeypatch.setattr(Topic, "get_absolute_url", lambda self: f"/de/themen/{self.slug}/", raising=False)
    return Topic.objects.create(
        name="Vom Bürger erfundener Titel", slug="mobil", locale=builders.locales()[0]
    )


def test_another_apps_object_is_followed_and_told_in_the_citys_words(
    client, followable_topic, django_capture_on_commit_callbacks
):
    url = follow_link(followable_topic)
    assert url == f"/de/digiradar/follow/digiradar_wagtail.topic/{followable_topic.pk}/"
    html = client.get(url).content.decode()
    assert f"„Themenfeld #{followable_topic.pk}“ folgen" in html
    assert "Vom Bürger erfundener Titel" not in html  # a citizen's title is never shown nor mailed
    follow_by_mail(client, followable_topic)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        subject_changed.send(
            sender=Topic,
            subject=followable_topic,
            kind="answer",
            summary="Die Stadt prüft das.",
            url="/de/themen/mobil/",
        )
    [told] = mail.outbox
    assert "Die Stadt prüft das." in told.body and "http://testserver/de/themen/mobil/" in told.body
    assert "Vom Bürger erfundener Titel" not in told.body + told.subject


def test_an_object_not_marked_followable_is_not(client, home):
    topic = Topic.objects.create(name="Energie", slug="energie", locale=builders.locales()[0])
    assert follow_link(topic) is None
    assert client.get(f"/de/digiradar/follow/digiradar_wagtail.topic/{topic.pk}/").status_code == 404
