"""
Through a real Varnish started from ``docs/deploy/varnish.vcl``: what it caches, what a change
purges, and that a failed purge never fails the change.

The tests that expect a ``HIT`` need the public pages to be cacheable (``Cache-Control: public``
with an ``s-maxage``, no ``Set-Cookie``, no ``Vary: Cookie``).
"""

import gzip
import http.client
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from digiradar_wagtail.models import MeasurePage
from tests import builders


def cached_twice(varnish, path):
    """GET ``path`` twice through Varnish; the second answer must come from its cache."""
    first = varnish.get(path)
    assert first.status_code == 200, (path, first.status_code)
    second = varnish.get(path)
    assert second.headers["X-Cache"] == "HIT", (path, first.headers, second.headers)
    return second.text


def shows_within(varnish, path, text, seconds=1.0):
    """Does ``path`` through Varnish show ``text`` within ``seconds``? Returns the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        response = varnish.get(path)
        if text in response.text or time.monotonic() > deadline:
            return response
        time.sleep(0.05)


def publish_title(page, title):
    page = page.specific_class.objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()
    return page


def test_a_measure_page_is_served_from_the_cache_the_second_time(varnish, measure):
    path = measure.get_url()
    first = varnish.get(path)
    second = varnish.get(path)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert second.text == first.text
    assert "Bürger-ID" in second.text
    assert "Set-Cookie" not in second.headers


def test_the_radar_goes_out_compressed_to_who_accepts_it_and_plain_to_who_does_not(varnish, radar, measure):
    path = radar.get_url()
    packed = varnish.get(path, headers={"Accept-Encoding": "gzip"}, stream=True)
    body = packed.raw.read(decode_content=False)
    assert packed.headers["Content-Encoding"] == "gzip"
    plain = varnish.get(path, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(body) == plain.content
    assert len(body) * 3 < len(plain.content)
    assert "Bürger-ID" in plain.text


def test_a_new_title_shows_through_varnish_within_a_second_in_both_languages(
    varnish, radar, measure, english
):
    translation = builders.translate(measure, english)
    pages = {
        "de": (measure.get_url(), radar.get_url()),
        "en": (translation.get_url(), translation.get_parent().get_url()),
    }
    for measure_path, radar_path in pages.values():
        assert "Bürger-ID" in cached_twice(varnish, measure_path)
        assert "Bürger-ID" in cached_twice(varnish, radar_path)

    publish_title(measure, "Digitale Bürger-ID")
    publish_title(translation, "Digital citizen ID")

    for language, title in (("de", "Digitale Bürger-ID"), ("en", "Digital citizen ID")):
        for path in pages[language]:
            response = shows_within(varnish, path, title)
            assert title in response.text, (language, path, response.headers)


@pytest.mark.parametrize("change", ["publish", "unpublish", "delete", "move"])
def test_a_change_of_a_measure_purges_the_filtered_radar_and_the_exports(
    varnish, home, radar, measure, change
):
    other_radar = builders.make_radar(home, title="Radar 2027", slug="radar-2027")
    filtered = radar.get_url() + "?ring=ring-2"
    exports = [radar.get_url() + name for name in ("export.csv", "export.json", "feed.atom")]
    for path in [filtered, other_radar.get_url(), *exports]:
        cached_twice(varnish, path)

    if change == "publish":
        publish_title(measure, "Digitale Bürger-ID")
    elif change == "unpublish":
        measure.unpublish()
    elif change == "delete":
        Page.objects.get(pk=measure.pk).delete()
    else:
        Page.objects.get(pk=measure.pk).move(other_radar, pos="last-child")

    for path in [filtered, *exports]:
        response = varnish.get(path)
        assert response.headers["X-Cache"] == "MISS", (change, path)
        assert ("Digitale Bürger-ID" in response.text) == (change == "publish"), (change, path)
        assert ("Bürger-ID" in response.text) == (change == "publish"), (change, path)
    moved_in = varnish.get(other_radar.get_url())
    assert ("Bürger-ID" in moved_in.text) == (change == "move"), moved_in.headers


def test_a_new_slug_purges_the_old_url(varnish, measure):
    old_path = measure.get_url()  # /de/radar/b%C3%BCrger-id/: Wagtail's own purge of it fails
    cached_twice(varnish, old_path)

    page = MeasurePage.objects.get(pk=measure.pk)
    page.slug = "digitale-id"
    page.save_revision().publish()

    response = varnish.get(old_path)
    assert response.headers["X-Cache"] != "HIT"
    assert response.status_code in (301, 302, 404)  # a redirect where wagtail.contrib.redirects runs


def test_a_logged_in_editor_is_never_served_from_the_cache_nor_cached(varnish, measure):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client = Client()
    client.force_login(editor)
    session = {"sessionid": client.cookies["sessionid"].value}
    path = measure.get_url()
    cached_twice(varnish, path)

    # A change that purges nothing: the cache keeps the old page, the application has the new.
    MeasurePage.objects.filter(pk=measure.pk).update(title="Nur in der Datenbank")
    for _ in range(2):
        as_editor = varnish.get(path, cookies=session)
        assert as_editor.headers["X-Cache"] == "PASS"
        assert "Nur in der Datenbank" in as_editor.text
    anonymous = varnish.get(path)
    assert anonymous.headers["X-Cache"] == "HIT"
    assert "Nur in der Datenbank" not in anonymous.text

    with_credentials = varnish.get(path, headers={"Authorization": "Basic ZWRpdG9yOnB3"})
    assert with_credentials.headers["X-Cache"] == "PASS"

    varnish.ban_all()
    varnish.get(path, cookies=session)
    assert varnish.get(path).headers["X-Cache"] == "MISS"  # the editor's answer was not stored


def test_a_page_made_private_is_no_longer_served_from_the_cache(varnish, radar, measure):
    path = measure.get_url()
    assert "Kurzbeschreibung von Bürger-ID." in cached_twice(varnish, path)
    assert "Bürger-ID" in cached_twice(varnish, radar.get_url())

    PageViewRestriction.objects.create(page=measure, restriction_type="password", password="geheim")

    private = varnish.get(path)
    assert private.headers["X-Cache"] != "HIT"
    assert "Kurzbeschreibung von Bürger-ID." not in private.text
    assert "Bürger-ID" not in varnish.get(radar.get_url()).text


def test_a_purge_from_an_address_outside_the_acl_is_refused(varnish, measure):
    path = measure.get_url()
    cached_twice(varnish, path)
    # Any 127.0.0.0/8 address reaches Varnish on 127.0.0.1; only 127.0.0.1 and ::1 may purge.
    connection = http.client.HTTPConnection(
        "127.0.0.1", varnish.port, timeout=5, source_address=("127.0.0.2", 0)
    )
    connection.request("PURGE", path, headers={"Host": f"127.0.0.1:{varnish.port}"})
    assert connection.getresponse().status == 405
    connection.close()
    assert varnish.get(path).headers["X-Cache"] == "HIT"

    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=5)
    connection.request("PURGE", path, headers={"Host": f"127.0.0.1:{varnish.port}"})
    assert connection.getresponse().status == 200
    connection.close()
    assert varnish.get(path).headers["X-Cache"] == "MISS"


def test_with_varnish_down_a_publish_succeeds_and_the_failed_purge_is_logged(varnish, radar, measure, caplog):
    varnish.stop()
    with caplog.at_level("ERROR"):
        publish_title(measure, "Digitale Bürger-ID")

    assert Page.objects.get(pk=measure.pk).title == "Digitale Bürger-ID"
    failures = [r for r in caplog.records if r.name == "wagtail.frontendcache" and r.levelname == "ERROR"]
    purged = {r.args[0] for r in failures}
    assert measure.get_full_url() in purged  # Wagtail's own purge of the page
    assert radar.get_full_url() + "export.csv" in purged  # and ours
    assert all("Connection refused" in r.getMessage() for r in failures), [r.getMessage() for r in failures]

    varnish.start()
    assert "Digitale Bürger-ID" in varnish.get(measure.get_url()).text
