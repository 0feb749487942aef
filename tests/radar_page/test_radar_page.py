"""The radar page through real HTTP: the SVG radar, the list, filters, query counts, the cache."""

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import builders


class SvgBlips(HTMLParser):
    """Collects the radar's blip links and their circles from the page."""

    def __init__(self):
        super().__init__()
        self.blips = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "data-digiradar-blip" in attrs:
            self._current = {"href": attrs.get("href"), "label": attrs.get("aria-label"), "shape": None}
            self.blips.append(self._current)
        elif self._current is not None and tag in ("circle", "polygon") and self._current["shape"] is None:
            self._current["shape"] = attrs

    def handle_endtag(self, tag):
        if tag == "a":
            self._current = None


def blip_numbers(html):
    """``{href: number}`` of the radar's blips."""
    return dict(re.findall(r'href="([^"]+)" data-digiradar-blip data-number="(\d+)"', html))


def list_numbers(html):
    """``{href: number}`` of the list beside the radar (an ordered list's own numbers)."""
    return {href: number for number, href in re.findall(r'<li value="(\d+)"><a href="([^"]+)"', html)}


def blips_of(response):
    parser = SvgBlips()
    parser.feed(response.content.decode())
    return parser.blips


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def fill(radar, count, sectors, rings):
    return [
        builders.make_measure(
            radar, f"Maßnahme {index:03d}", sector=index % sectors, ring=(index // sectors) % rings
        )
        for index in range(count)
    ]


@pytest.mark.parametrize("sectors,rings", [(3, 4), (9, 5)])
def test_radar_draws_every_live_measure_as_a_named_link(home, client, sectors, rings):
    radar = builders.make_radar(home, sectors=sectors, rings=rings)
    measures = fill(radar, sectors * rings * 2, sectors, rings)
    draft = builders.make_measure(radar, "Entwurf", publish=False)

    response = client.get(radar.url)

    assert response.status_code == 200
    blips = blips_of(response)
    assert sorted(blip["href"] for blip in blips) == sorted(measure.url for measure in measures)
    assert draft.url not in {blip["href"] for blip in blips}
    # Each blip's accessible name gives number, title, sector and ring.
    first = next(blip for blip in blips if blip["href"] == measures[0].url)
    assert re.match(r"^\d+\. Maßnahme 000 – Sektor 1, Ring 1", first["label"]), first["label"]
    html = response.content.decode()
    assert html.count('class="digiradar-chart-sector"') == sectors
    assert html.count('class="digiradar-chart-ring') == rings  # some carry a legibility class too
    assert "Entwurf" not in html


def test_blip_numbers_match_the_list(home, client):
    radar = builders.make_radar(home, sectors=3, rings=4)
    fill(radar, 12, 3, 4)
    html = client.get(radar.url).content.decode()
    assert blip_numbers(html) and blip_numbers(html) == list_numbers(html)


def test_no_two_blips_overlap_in_the_page(home, client):
    radar = builders.make_radar(home, sectors=3, rings=4)
    # A crowded cell next to sparse ones.
    for index in range(60):
        builders.make_measure(radar, f"Voll {index}", sector=0, ring=3)
    fill(radar, 12, 3, 4)
    circles = []
    for blip in blips_of(client.get(radar.url)):
        shape = blip["shape"]
        if "cx" in shape:
            circles.append((float(shape["cx"]), float(shape["cy"]), float(shape["r"])))
        else:  # a marker shape: its circumcircle is the blip's circle
            points = [tuple(map(float, point.split(","))) for point in shape["points"].split()]
            cx, cy = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
            circles.append((cx, cy, max(((p[0] - cx) ** 2 + (p[1] - cy) ** 2) ** 0.5 for p in points) - 0.02))
    assert len(circles) >= 60
    for i, (x1, y1, r1) in enumerate(circles):
        for x2, y2, r2 in circles[i + 1 :]:
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_measures(home, client):
    small = builders.make_radar(home, title="Klein", slug="klein")
    fill(small, 10, 3, 4)
    large = builders.make_radar(home, title="Groß", slug="gross")
    fill(large, 200, 3, 4)
    assert queries_for(client, small.url) == queries_for(client, large.url)
    assert queries_for(client, small.url + "?sector=sektor-1&q=Maßnahme") == queries_for(
        client, large.url + "?sector=sektor-1&q=Maßnahme"
    )


def test_filter_on_the_page_dims_the_rest_and_shortens_the_list(home, client):
    radar = builders.make_radar(home, sectors=3, rings=4)
    fill(radar, 12, 3, 4)
    response = client.get(radar.url, {"ring": "ring-2"})
    html = response.content.decode()
    assert len(blips_of(response)) == 3
    assert html.count('class="digiradar-blip-dimmed"') == 9
    assert "3 von 12 Maßnahmen" in html or "3 of 12 measures" in html
    assert 'value="ring-2" checked' in html
    # Two sectors: the whole radar, the third sector dimmed.
    response = client.get(radar.url, {"sector": ["sektor-1", "sektor-2"]})
    assert len(blips_of(response)) == 8
    assert response.content.decode().count('class="digiradar-blip-dimmed"') == 4
    # Unknown slugs select nothing, without an error.
    response = client.get(radar.url, {"sector": "gibt-es-nicht"})
    assert response.status_code == 200
    assert blips_of(response) == []


def test_hostile_filter_input_is_escaped_and_harmless(home, client):
    radar = builders.make_radar(home)
    fill(radar, 3, 3, 4)
    response = client.get(radar.url, {"q": "<script>alert(1)</script>", "topic": "x" * 5000})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_cache_serves_repeat_views_and_publish_unpublish_invalidate(home, client):
    radar = builders.make_radar(home)
    first = builders.make_measure(radar, "Erste Maßnahme")
    cache.clear()
    client.get(radar.url)
    with CaptureQueriesContext(connection) as warm:
        client.get(radar.url)
    with CaptureQueriesContext(connection) as cold:
        cache.clear()
        client.get(radar.url)
    assert len(warm.captured_queries) < len(cold.captured_queries)

    second = builders.make_measure(radar, "Zweite Maßnahme")  # publishing invalidates
    assert second.url in {blip["href"] for blip in blips_of(client.get(radar.url))}

    first.unpublish()
    hrefs = {blip["href"] for blip in blips_of(client.get(radar.url))}
    assert first.url not in hrefs and second.url in hrefs

    second.delete()
    assert blips_of(client.get(radar.url)) == []


def test_moving_a_measure_invalidates_both_radars(home, client):
    one = builders.make_radar(home, title="Eins", slug="eins")
    two = builders.make_radar(home, title="Zwei", slug="zwei")
    measure = builders.make_measure(one, "Wanderer")
    client.get(one.url), client.get(two.url)  # warm both
    measure.move(two, pos="last-child")
    assert blips_of(client.get(one.url)) == []
    assert len(blips_of(client.get(two.url))) == 1
    # The measure took the new radar's sector and ring of the same slug.
    measure.refresh_from_db()
    assert measure.sector.page_id == two.pk and measure.ring.page_id == two.pk
    assert (measure.sector.slug, measure.ring.slug) == ("sektor-1", "ring-1")


def test_exports_are_announced_with_the_filter(home, client):
    radar = builders.make_radar(home)
    fill(radar, 3, 3, 4)
    html = client.get(radar.url, {"ring": "ring-2"}).content.decode()
    for suffix, mime in (
        ("export.json", "application/json"),
        ("export.csv", "text/csv"),
        ("feed.atom", "application/atom+xml"),
    ):
        url = f"http://testserver{radar.url}{suffix}?ring=ring-2"  # on the host that served the page
        assert f'<link rel="alternate" type="{mime}" href="{url}"' in html
        # and the announced URL serves that file
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_english_radar_shows_english_parts(home, client, english):
    radar = builders.make_radar(home)
    measure = builders.make_measure(radar, "Bürger-ID")
    english_measure = builders.translate(measure, english)
    english_radar = english_measure.get_parent().specific
    response = client.get(english_radar.url)
    assert response.status_code == 200
    assert [blip["href"] for blip in blips_of(response)] == [english_measure.url]
    assert 'lang="en"' in response.content.decode()


def test_a_radar_of_200_new_measures_stays_under_150_kb_and_its_sector_view_is_its_own(home, client):
    from digiradar_wagtail.models.history import MeasureHistoryEntry

    radar = builders.make_radar(home, sectors=4, rings=4)
    placements = [(index % 4, (index // 4) % 4) for index in range(200)]
    measures = builders.add_live_measures(radar, placements)
    for measure in measures:  # all "new": the heaviest marks and list entries
        MeasureHistoryEntry.objects.create(
            measure_key=measure.translation_key, ring_key=measure.ring.translation_key, progress_percent=0
        )
    response = client.get(radar.url)
    assert len(blips_of(response)) == 200
    assert len(response.content) <= 150 * 1024, len(response.content)

    response = client.get(radar.url, {"sector": "sektor-2"})
    html = response.content.decode()
    in_sector = {measure.url for measure in measures if measure.sector.slug == "sektor-2"}
    assert {blip["href"] for blip in blips_of(response)} == in_sector
    assert 'class="digiradar-blip-dimmed"' not in html
    assert 'class="digiradar-chart digiradar-chart-one"' in html
    assert 'aria-current="page">' in html and "?sector=sektor-2" in html
    # Its numbers are those of the whole radar, in the radar as in the list.
    whole = blip_numbers(client.get(radar.url).content.decode())
    assert blip_numbers(html) == {url: whole[url] for url in in_sector} == list_numbers(html)


def test_overview_links_each_sector_name_to_its_view(home, client):
    radar = builders.make_radar(home, sectors=3, rings=4)
    fill(radar, 12, 3, 4)
    html = client.get(radar.url).content.decode()
    links = re.findall(r'<a class="digiradar-chart-sector" href="([^"]+)"', html)
    assert links == ["?sector=sektor-1", "?sector=sektor-2", "?sector=sektor-3"]
    # A sector view is a page of its own in the cache, and a publish redraws it.
    assert "Neu im Sektor" not in client.get(radar.url + links[1]).content.decode()
    builders.make_measure(radar, "Neu im Sektor", sector=1, ring=0)
    assert "Neu im Sektor" in client.get(radar.url + links[1]).content.decode()


def list_items(html):
    return re.findall(r'<li value="\d+"><a href=.*?</li>', html, re.S)


def test_a_long_lists_items_written_in_python_read_as_the_templates_items(home, client):
    from digiradar_wagtail.models.history import MeasureHistoryEntry
    from digiradar_wagtail.public.radar import LIST_DETAIL_LIMIT

    radar = builders.make_radar(home, sectors=2, rings=2)
    placements = [(index % 2, (index // 2) % 2) for index in range(LIST_DETAIL_LIMIT + 1)]
    measures = builders.add_live_measures(radar, placements)
    hostile, delayed, stopped, new = measures[0], measures[2], measures[4], measures[6]  # all in sektor-1
    hostile.title = '<b>"Tom & Jerry"</b>'
    hostile.save()
    for measure, status in ((delayed, "delayed"), (stopped, "stopped")):
        measure.delivery_status, measure.status_reason = status, "Ausschreibung läuft."
        measure.save()
    MeasureHistoryEntry.objects.create(
        measure_key=new.translation_key, ring_key=new.ring.translation_key, progress_percent=0
    )

    overview = client.get(radar.url).content.decode()  # 101 measures: titles only, from Python
    sector = client.get(radar.url, {"sector": "sektor-1"}).content.decode()  # detailed, from the template
    short = list_items(overview)
    assert len(short) == LIST_DETAIL_LIMIT + 1
    assert "<p>" not in "".join(short) and "digiradar-progress" not in "".join(short)
    detailed = list_items(sector)
    assert len(detailed) == len(measures) // 2 + 1
    # The sector's items without teaser and progress are the overview's, byte for byte.
    trimmed = [re.split(r'<p>|<span class="digiradar-progress">', item)[0] + "</li>" for item in detailed]
    assert len(set(trimmed)) == len(trimmed) and set(trimmed) <= set(short)
    assert "&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;</a></li>" in overview
    assert '<span class="digiradar-flag">Verzögert</span>' in overview
    assert '<span class="digiradar-flag">Gestoppt</span>' in overview
    assert f'{new.title}</a> <span class="digiradar-flag digiradar-flag-info">neu</span></li>' in overview


def test_a_sector_view_dims_nothing_and_the_switcher_says_what_its_numbers_count(home, client):
    radar = builders.make_radar(home, sectors=3, rings=4)
    fill(radar, 12, 3, 4)
    html = client.get(radar.url, {"sector": "sektor-2"}).content.decode()
    assert "Passt nicht zum Filter" not in html and "Not matching the filter" not in html
    assert "digiradar-blip-dimmed" not in html
    # Screen readers hear "Sektor 2 (4 Maßnahmen)", not a bare number.
    assert re.search(
        r'<span class="digiradar-count" aria-hidden="true">4</span>'
        r'<span class="digiradar-visually-hidden"> \(4 Maßnahmen\)</span>',
        html,
    )
    # A ring filter does dim, and the legend explains the grey marks.
    html = client.get(radar.url, {"ring": "ring-1"}).content.decode()
    assert "digiradar-blip-dimmed" in html and "Passt nicht zum Filter" in html


def test_blips_link_the_measures_pages_without_a_trailing_slash_too(home, client, monkeypatch):
    # WAGTAIL_APPEND_SLASH = False, as Wagtail reads it: once, when its page model is imported.
    monkeypatch.setattr("wagtail.models.pages.WAGTAIL_APPEND_SLASH", False)
    radar = builders.make_radar(home, sectors=3, rings=4)
    measures = fill(radar, 6, 3, 4)
    cache.clear()
    blips = blips_of(client.get(radar.url, follow=True))  # Django's APPEND_SLASH redirects first
    assert sorted(blip["href"] for blip in blips) == sorted(measure.url for measure in measures)
