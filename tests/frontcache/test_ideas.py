"""Through a real Varnish: moderating or answering an idea purges its pages in every language."""

from django.contrib.auth import get_user_model

from digiradar_wagtail.ideas import moderation
from digiradar_wagtail.ideas.models import PENDING, Answer
from tests import builders
from tests.frontcache.test_varnish import cached_twice, shows_within
from tests.ideas.conftest import add_ideas_page, make_idea


def test_approving_and_answering_an_idea_purge_its_pages_in_both_languages(varnish, radar, english):
    city = get_user_model().objects.create_superuser("city", "city@example.org", "pw")
    page = add_ideas_page(radar)
    translation = builders.translate(page, english)
    idea = make_idea(page, "Offenes WLAN", state=PENDING)
    lists = [page.get_url(), translation.get_url()]
    export = "/de/radar/ideas.json"
    for path in [*lists, export]:
        assert "Offenes WLAN" not in cached_twice(varnish, path)

    moderation.approve(idea, city)
    for path in [*lists, export]:
        assert "Offenes WLAN" in shows_within(varnish, path, "Offenes WLAN").text, path
    detail = f"{page.get_url()}{idea.pk}/"
    assert "Eingegangen" in cached_twice(varnish, detail)

    moderation.answer(idea, city, Answer.UNDER_REVIEW, "Wir prüfen drei Standorte.")
    assert "Wir prüfen drei Standorte." in shows_within(varnish, detail, "Wir prüfen drei Standorte.").text


def test_publishing_an_ideas_page_purges_its_radar_which_links_it(varnish, radar):
    assert "Bürgerideen" not in cached_twice(varnish, radar.url)
    add_ideas_page(radar, title="Bürgerideen", slug="buergerideen")
    html = shows_within(varnish, radar.url, "eine Maßnahme vorschlagen").text
    assert 'href="/de/radar/buergerideen/"' in html
