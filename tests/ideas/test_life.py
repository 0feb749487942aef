"""
An idea's whole life through real HTTP: proposed anonymously with a mail address, confirmed by
the link in the mail, approved by a moderator, supported twice by the same people (counted once
each), answered by the city (its followers told), turned into a draft measure that says where it
came from.
"""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from digiradar_wagtail.ideas.models import PENDING, PUBLISHED, Answer, Idea
from digiradar_wagtail.models import MeasurePage
from digiradar_wagtail.signals import subject_changed
from tests.ideas.conftest import CONFIRM_LINK, make_idea, post_idea

pytestmark = pytest.mark.django_db
ADMIN = "/admin/digiradar-ideas/"


@pytest.fixture
def heard():
    """What a follow app would hear: every subject_changed sent."""
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    subject_changed.connect(receiver, dispatch_uid="tests.ideas.heard")
    yield received
    subject_changed.disconnect(dispatch_uid="tests.ideas.heard")


def test_an_ideas_whole_life(
    client, ideas_page, idea_moderator, django_user_model, heard, django_capture_on_commit_callbacks
):
    list_url = ideas_page.url
    # Proposed anonymously with a mail address: nothing public, nothing in the moderation list.
    response = post_idea(client, ideas_page, name="Ada", email="ada@example.org")
    assert response.status_code == 200, response.content[:800]
    assert "Bitte bestätigen" in response.content.decode()
    idea = Idea.objects.get()
    assert (idea.state, idea.awaiting_confirmation, idea.sector_slug) == (PENDING, True, "sektor-2")
    assert idea.author_email == "ada@example.org"
    moderator = client_for(django_user_model, idea_moderator)
    assert idea.title not in moderator.get(ADMIN, {"state": "all"}).content.decode()

    # The link in the mail confirms it once; the idea then waits for a moderator.
    (message,) = mail.outbox
    assert idea.description not in message.body  # the mail never carries the idea's text
    link = CONFIRM_LINK.search(message.body).group(0)
    path = link.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 410
    idea.refresh_from_db()
    assert (idea.state, idea.awaiting_confirmation) == (PENDING, False)
    assert idea.title not in client.get(list_url).content.decode()
    assert idea.title in moderator.get(ADMIN).content.decode()

    # Approved in the admin: listed and shown, with the audit log entry.
    response = moderator.post(f"{ADMIN}approve/{idea.pk}/")
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.state == PUBLISHED
    assert ModelLogEntry.objects.filter(action="digiradar_ideas.approve", object_id=str(idea.pk)).exists()
    assert idea.title in client.get(list_url).content.decode()
    detail = client.get(f"{list_url}{idea.pk}/")
    assert detail.status_code == 200
    assert "ada@example.org" not in detail.content.decode()

    # Supported twice by an anonymous visitor (its cookie) and twice by a logged-in citizen.
    support = f"/de/digiradar/ideas/{idea.pk}/support/"
    first = client.post(support, REMOTE_ADDR="203.0.113.20")
    assert first.status_code == 200 and "digiradar_supporter" in first.cookies
    second = client.post(support, REMOTE_ADDR="203.0.113.20")
    assert "bereits unterstützt" in second.content.decode()
    citizen = django_user_model.objects.create_user("carla", "carla@example.org", "pw")
    logged_in = client_for(django_user_model, citizen)
    logged_in.post(support)
    logged_in.post(support)
    assert idea.supports.count() == 2
    assert (
        idea.supports.filter(voter_id__isnull=False).get().voter_id
        != first.cookies["digiradar_supporter"].value
    )
    assert "2 Personen unterstützen" in client.get(f"{list_url}{idea.pk}/").content.decode()

    # The city answers: the idea's followers hear of it once the answer is stored.
    with django_capture_on_commit_callbacks(execute=True):
        moderator.post(
            f"{ADMIN}answer/{idea.pk}/", {"answer": Answer.UNDER_REVIEW, "text": "Wir prüfen das."}
        )
    idea.refresh_from_db()
    assert (idea.answer, idea.answer_text) == (Answer.UNDER_REVIEW, "Wir prüfen das.")
    (told,) = heard
    assert told["subject"] == idea and told["kind"] == "answer"
    assert "Wir prüfen das." in told["summary"] and told["url"].endswith(f"/{idea.pk}/")
    assert "Wir prüfen das." in client.get(f"{list_url}{idea.pk}/").content.decode()

    # Turned into a draft measure with one action: its edit view opens, the idea is taken up.
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(f"{ADMIN}convert/{idea.pk}/")
    measure = MeasurePage.objects.get(title=idea.title)
    assert response["Location"] == f"/admin/pages/{measure.pk}/edit/"
    assert not measure.live and measure.get_parent().pk == ideas_page.get_parent().pk
    assert measure.sector.slug == "sektor-2" and measure.ring.sort_order == 0
    idea.refresh_from_db()
    assert (idea.answer, idea.measure_id) == (Answer.TAKEN_UP, measure.pk)
    assert heard[-1]["summary"].startswith("Aufgegriffen")
    assert ModelLogEntry.objects.filter(action="digiradar_ideas.convert", object_id=str(idea.pk)).exists()

    # Once the editor publishes it, both link to each other.
    measure.save_revision().publish()
    measure_html = client.get(measure.url).content.decode()
    assert "Aus einer Bürgeridee" in measure_html and f"{list_url}{idea.pk}/" in measure_html
    assert measure.url in client.get(f"{list_url}{idea.pk}/").content.decode()


def client_for(django_user_model, user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


def test_the_moderation_list_filters_by_state_sector_and_radar(client, ideas_page, idea_moderator):
    waiting = make_idea(ideas_page, title="Wartende Idee", state=PENDING, sector="sektor-1")
    published = make_idea(ideas_page, title="Freigegebene Idee", state=PUBLISHED, sector="sektor-2")
    client.force_login(idea_moderator)
    # The list opens on the pending ideas.
    html = client.get(ADMIN).content.decode()
    assert waiting.title in html and published.title not in html
    radar_key = str(ideas_page.get_parent().specific.translation_key)
    chosen = {"state": "all", "sector_slug": "sektor-2", "radar_key": radar_key}
    html = client.get(ADMIN, chosen).content.decode()
    assert published.title in html and waiting.title not in html
    html = client.get(ADMIN, {"state": "all", "sector_slug": "sektor-1"}).content.decode()
    assert waiting.title in html and published.title not in html
    # A radar that is not offered is an error that names the filter; the list answers 400.
    response = client.get(ADMIN, {"state": "all", "radar_key": "kein-radar"})
    assert response.status_code == 400 and "Radar" in response.content.decode()
