"""A measure's own Atom feed: its changes of ring and progress, the no-mail way to follow it."""

import xml.etree.ElementTree as ET

import pytest

from tests import builders

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_measure_feed_lists_its_own_changes(client, radar, measure):
    other = builders.make_measure(radar, "Andere", ring=0)
    measure.ring = radar.rings.all()[3]
    measure.progress_percent = 80
    measure.save_revision().publish()
    page = client.get(measure.url).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="{measure.url}feed.atom"' in page
    assert f'<a href="{measure.url}feed.atom" type="application/atom+xml">' in page

    response = client.get(measure.url + "feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert response["Content-Language"] == "de"
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Bürger-ID: Änderungen"
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 2 and all("Bürger-ID" in title for title in titles)
    assert "Ring 4" in titles[0]
    assert other.title not in response.content.decode()


def test_no_feed_for_unpublished_measures_or_other_pages(client, radar, measure, home):
    url = measure.url
    measure.unpublish()
    assert client.get(url + "feed.atom").status_code == 404
    assert client.get(home.url + "feed.atom").status_code == 404


def test_feed_and_export_links_without_a_trailing_slash(client, radar, measure, monkeypatch):
    # WAGTAIL_APPEND_SLASH = False, as Wagtail reads it: once, when its page model is imported.
    monkeypatch.setattr("wagtail.models.pages.WAGTAIL_APPEND_SLASH", False)
    assert not measure.url.endswith("/")
    page = client.get(measure.url, follow=True).content.decode()  # Django's APPEND_SLASH redirects first
    assert f'href="{measure.url}/feed.atom"' in page and f'href="{measure.url}feed.atom"' not in page
    assert client.get(measure.url + "/feed.atom").status_code == 200
    radar_page = client.get(radar.url, follow=True).content.decode()
    for name in ("export.json", "export.csv", "feed.atom"):
        assert f"{radar.url}/{name}" in radar_page, name
        assert client.get(f"{radar.url}/{name}").status_code == 200, name
