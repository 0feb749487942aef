"""The privacy page chosen in the admin (Settings > Privacy page for comments) is the consent link."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from digiradar_wagtail.comments import blocks
from digiradar_wagtail.comments.models import CommentsPrivacySetting
from tests import builders
from tests.comments.conftest import discussion_html, publish_privacy_page


@pytest.fixture(autouse=True)
def privacy_url_setting(settings):
    settings.DIGIRADAR_PRIVACY_URL = "/de/datenschutz/"


def choose_in_admin(admin_client, page):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["digiradar_comments", "commentsprivacysetting", site.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"privacy_page": page.pk if page else ""})
    assert response.status_code == 302, response.content[:2000]
    return CommentsPrivacySetting.objects.get(site=site)


def consent_link(client, page):
    html = discussion_html(client, page)
    assert 'id="comment-form"' in html
    return html


def test_the_page_chosen_in_the_admin_settings_is_linked(admin_client, client, measure):
    privacy = publish_privacy_page(measure.get_parent().get_parent(), slug="privatsphaere")
    assert 'href="/de/datenschutz/"' in consent_link(client, measure)
    assert choose_in_admin(admin_client, privacy).privacy_page_id == privacy.pk
    html = consent_link(client, measure)
    assert f'href="{privacy.url}"' in html and 'href="/de/datenschutz/"' not in html
    # Cleared again: the setting falls back to DIGIRADAR_PRIVACY_URL.
    choose_in_admin(admin_client, None)
    assert 'href="/de/datenschutz/"' in consent_link(client, measure)


def test_english_pages_link_the_english_translation(admin_client, client, measure, english):
    privacy = publish_privacy_page(measure.get_parent().get_parent(), slug="privatsphaere")
    english_privacy = builders.translate(privacy, english)
    english_measure = builders.translate(measure, english)
    choose_in_admin(admin_client, privacy)
    assert f'href="{privacy.url}"' in consent_link(client, measure)
    html = consent_link(client, english_measure)
    assert english_privacy.url.startswith("/en/")
    assert f'href="{english_privacy.url}"' in html and f'href="{privacy.url}"' not in html


def test_a_page_no_longer_live_falls_back_to_the_setting(admin_client, client, measure):
    privacy = publish_privacy_page(measure.get_parent().get_parent(), slug="privatsphaere")
    choose_in_admin(admin_client, privacy)
    privacy.unpublish()
    assert 'href="/de/datenschutz/"' in consent_link(client, measure)


def test_without_wagtail_contrib_settings_the_setting_is_not_used(client, measure, monkeypatch):
    privacy = publish_privacy_page(measure.get_parent().get_parent(), slug="privatsphaere")
    CommentsPrivacySetting.objects.create(site=Site.objects.get(is_default_site=True), privacy_page=privacy)
    installed = blocks.apps.is_installed
    monkeypatch.setattr(
        blocks.apps, "is_installed", lambda name: name != "wagtail.contrib.settings" and installed(name)
    )
    assert 'href="/de/datenschutz/"' in consent_link(client, measure)


@pytest.mark.django_db
def test_visits_do_not_create_the_setting(client, measure):
    consent_link(client, measure)
    assert not CommentsPrivacySetting.objects.exists()
