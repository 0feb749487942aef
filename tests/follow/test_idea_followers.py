"""
An idea's followers (the ideas and follow apps installed together, as in the demo): a citizen
follows a published idea from its page, the city answers, the follower is mailed the answer in the
city's words, never the citizen's title or text.
"""

import pytest
from django.core import mail

from digiradar_wagtail.ideas.models import Answer
from tests.follow.conftest import follow_by_mail, links_in
from tests.ideas.conftest import add_ideas_page, make_idea

pytestmark = pytest.mark.django_db


def test_the_followers_of_an_idea_hear_its_answer(
    client, admin_client, radar, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.city.example"  # the public site is another host
    page = add_ideas_page(radar)
    idea = make_idea(page, title="Bürgertitel: Bänke am Fluss", description="Mehr Bänke bitte.")
    detail = client.get(f"{page.url}{idea.pk}/").content.decode()
    follow = f"/de/digiradar/follow/digiradar_ideas.idea/{idea.pk}/"
    assert f'href="{follow}"' in detail  # the idea's page links its follow page

    follow_by_mail(client, idea)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/digiradar-ideas/answer/{idea.pk}/",
            {"answer": Answer.UNDER_REVIEW, "text": "Das Gartenamt prüft Standorte."},
        )
    assert response.status_code == 302
    [told] = mail.outbox
    assert told.to == ["anna@example.org"]
    assert "Das Gartenamt prüft Standorte." in told.body
    assert f"{page.full_url}{idea.pk}/" in told.body  # the public site's address, not the admin's
    assert "In Prüfung: Das Gartenamt prüft Standorte." in told.body  # the answer in German
    assert "Bänke am Fluss" not in told.body + told.subject and "Mehr Bänke" not in told.body
    assert told.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert any("/unsubscribe/" in link for link in links_in(told))
    assert not any("admin.city.example" in link for link in links_in(told))


def test_an_idea_not_published_cannot_be_followed(client, radar):
    page = add_ideas_page(radar)
    idea = make_idea(page, state="pending")
    assert client.get(f"/de/digiradar/follow/digiradar_ideas.idea/{idea.pk}/").status_code == 404
