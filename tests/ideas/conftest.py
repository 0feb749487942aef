"""Fixtures for the idea tests: a radar with its ideas page, moderators, and ideas as citizens send them."""

import re

import pytest
from django.contrib.auth.models import Permission

from digiradar_wagtail.ideas.models import PUBLISHED, Idea, IdeasPage


def add_ideas_page(radar, title="Ideen", slug="ideen"):
    page = IdeasPage(title=title, slug=slug, locale=radar.locale, intro="Ihre Vorschläge.")
    radar.add_child(instance=page)
    page.save_revision().publish()
    return IdeasPage.objects.get(pk=page.pk)


@pytest.fixture
def ideas_page(radar):
    return add_ideas_page(radar)


def make_idea(page, title="Offenes WLAN", state=PUBLISHED, sector="sektor-1", **fields):
    """An idea saved directly (for tests that start from existing ideas)."""
    radar = page.get_parent().specific
    fields.setdefault("description", "Offenes WLAN in allen Bibliotheken.")
    return Idea.objects.create(
        radar_key=radar.translation_key,
        radar=radar,
        sector=radar.sectors.get(slug=sector),
        sector_slug=sector,
        title=title,
        state=state,
        **fields,
    )


def propose_url(page):
    return f"/de/digiradar/ideas/propose/{page.pk}/"


def idea_data(**fields):
    return {
        "title": "Sitzbänke mit Solarladern",
        "description": "Bänke, an denen man das Telefon laden kann.",
        "sector": "sektor-2",
        "consent": "on",
        **fields,
    }


def post_idea(client, page, **fields):
    return client.post(
        propose_url(page), idea_data(**fields), REMOTE_ADDR=fields.pop("REMOTE_ADDR", "203.0.113.9")
    )


CONFIRM_LINK = re.compile(r"https?://[^\s]+/digiradar/ideas/confirm/[^\s]+/")


@pytest.fixture
def idea_moderator(django_user_model, db):
    user = django_user_model.objects.create_user("ideamod", "ideamod@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="digiradar_ideas", codename="moderate_ideas"),
    )
    return user


@pytest.fixture
def editor(django_user_model, db):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
