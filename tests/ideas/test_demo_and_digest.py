"""The demo's ideas in both languages, the digest section, and what a change purges."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail import extensions
from digiradar_wagtail.ideas import demo
from digiradar_wagtail.ideas.front_cache import idea_urls
from digiradar_wagtail.ideas.models import HIDDEN, PENDING, PUBLISHED, Answer, Idea, IdeasPage
from digiradar_wagtail.models import MeasurePage
from tests import builders
from tests.ideas.conftest import add_ideas_page, make_idea

pytestmark = pytest.mark.django_db


def test_the_demo_ideas_cover_every_state_in_both_languages(client, radar, english):
    measures = [builders.make_measure(radar, f"Maßnahme {n}", sector=n % 3, ring=n % 4) for n in range(4)]
    english_measure = builders.translate(measures[1], english)  # the one in the idea's sector
    demo.load(measures)
    ideas = Idea.objects.all()
    assert ideas.count() == 10
    assert {PUBLISHED, PENDING, HIDDEN} == set(ideas.values_list("state", flat=True))
    assert set(Answer.values) == set(ideas.filter(state=PUBLISHED).values_list("answer", flat=True))
    taken_up = ideas.get(answer=Answer.TAKEN_UP)
    assert taken_up.measure.translation_key == measures[1].translation_key
    pages = IdeasPage.objects.live()
    assert sorted(pages.values_list("locale__language_code", flat=True)) == ["de", "en"]
    for page, text in zip(
        pages.order_by("locale__language_code"), ("Bürgerideen", "Citizen ideas"), strict=True
    ):
        html = client.get(page.url).content.decode()
        assert text in html and "Offenes WLAN in allen Stadtbibliotheken" in html
        assert "Gratis Werbung" not in html and "Baustellen-Karte" not in html
    for measure, note in ((measures[1], "Aus einer Bürgeridee"), (english_measure, "From a citizen idea")):
        assert note in client.get(measure.url).content.decode()
    before = (Idea.objects.count(), IdeasPage.objects.count(), MeasurePage.objects.count())
    demo.load(measures)
    assert (Idea.objects.count(), IdeasPage.objects.count(), MeasurePage.objects.count()) == before


def test_the_digest_section_lists_new_ideas_on_the_departments_radar_and_sectors(radar):
    page = add_ideas_page(radar)
    measure = builders.make_measure(radar, "Bürger-ID", sector=1)
    make_idea(page, "Neu im Sektor 2", sector="sektor-2", state=PENDING)
    make_idea(page, "Alt im Sektor 2", sector="sektor-2", created_at=builders.days_ago(30))
    make_idea(page, "Neu im Sektor 1", sector="sektor-1")
    make_idea(page, "Ausgeblendet", sector="sektor-2", state=HIDDEN)
    section = extensions.digest_section("ideas")
    measures = MeasurePage.objects.filter(pk=measure.pk)
    with CaptureQueriesContext(connection) as queries:
        result = section(measures, builders.days_ago(7))
    assert len(queries) <= 2
    assert result["title"] and len(result["items"]) == 1 and "Neu im Sektor 2" in result["items"][0]
    assert section(MeasurePage.objects.none(), builders.days_ago(7)) is None


def test_a_change_purges_the_list_the_idea_and_the_open_data_in_every_language(radar, english):
    page = add_ideas_page(radar)
    translation = builders.translate(page, english)
    idea = make_idea(page)
    urls = idea_urls(idea)
    for ideas_page in (page, translation):
        base = ideas_page.get_full_url()
        assert {base, f"{base}{idea.pk}/"} <= urls
        radar = ideas_page.get_parent().get_full_url()
        assert {f"{radar}ideas.json", f"{radar}ideas.csv"} <= urls
    assert len(urls) == 8
