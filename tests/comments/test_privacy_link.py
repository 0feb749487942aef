"""The consent checkbox links the privacy page of the page's language."""

from django.test import override_settings

from tests import builders

from .conftest import discussion_html

PRIVACY = {"de": "/de/datenschutz/", "en": "/en/privacy/"}


@override_settings(DIGIRADAR_PRIVACY_URL=PRIVACY)
def test_each_language_links_its_own_privacy_page(client, measure, english):
    english_measure = builders.translate(measure, english)
    german_html = discussion_html(client, measure)
    english_html = discussion_html(client, english_measure)
    assert 'href="/de/datenschutz/"' in german_html and "/en/privacy/" not in german_html
    assert 'href="/en/privacy/"' in english_html and "/de/datenschutz/" not in english_html


@override_settings(DIGIRADAR_PRIVACY_URL="/datenschutz-und-privacy/")
def test_a_single_privacy_url_serves_every_language(client, measure, english):
    english_measure = builders.translate(measure, english)
    for page in (measure, english_measure):
        assert 'href="/datenschutz-und-privacy/"' in discussion_html(client, page)
