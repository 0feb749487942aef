"""Fixtures for the comment tests: users, a moderator, and the comment form as a browser sends it."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission

from digiradar_wagtail.comments.models import PUBLISHED, Comment, Discussion

WRITE_LINK = re.compile(r'id="comment-form"><a class="digiradar-button" href="([^"]+)"')


class FormFields(HTMLParser):
    """Collect the named inputs of the form with id ``comment-form`` (or the first form)."""

    def __init__(self, form_id="comment-form"):
        super().__init__()
        self.form_id, self.inside, self.fields, self.action = form_id, False, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside, self.action = True, attrs.get("action")
        elif self.inside and tag in ("input", "textarea") and attrs.get("name"):
            if attrs.get("type") == "checkbox":
                return
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def discussion_html(client, page):
    """
    The discussion as a visitor's browser shows it: on a page kept by a shared cache, the block
    its script puts in from the uncached endpoint, form included.
    """
    language = page.locale.language_code
    response = client.get(f"/{language}/digiradar/personal/{page.pk}/")
    assert response.status_code == 200, response.content[:500]
    return response.json()["html"]


def comment_form(client, url, **query):
    """GET ``url`` like a browser and return ``(action, fields)`` of its comment form."""
    response = client.get(url, query)
    assert response.status_code == 200, response.content[:500]
    parser = FormFields()
    parser.feed(response.content.decode())
    if not parser.action:
        # A page kept by a shared cache has no form, only a link to the form's own page.
        link = WRITE_LINK.search(response.content.decode())
        if link:
            response = client.get(html.unescape(link.group(1)))
            assert response.status_code == 200, response.content[:500]
            parser = FormFields()
            parser.feed(response.content.decode())
    assert parser.action, "no comment form on the page"
    return parser.action, parser.fields


def post_comment(client, page_url, text, anonymous=True, **extra):
    action, fields = comment_form(client, page_url, **extra.pop("query", {}))
    fields.update({"comment": text, "consent": "on"})
    if anonymous:
        fields.update({"name": "Anna", "email": "anna@example.org"})
    fields.update(extra)
    return client.post(action, fields, REMOTE_ADDR=extra.get("REMOTE_ADDR", "203.0.113.7"))


def make_comment(page, text="Ein Kommentar", state=PUBLISHED, parent=None, **fields):
    """A comment saved directly (for tests that start from an existing discussion)."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    discussion = Discussion.for_page(page)
    comment = Comment(
        content_type=ContentType.objects.get_for_model(Discussion),
        object_pk=str(discussion.pk),
        site_id=1,
        user_name=fields.pop("user_name", "Bea"),
        user_email=fields.pop("user_email", "bea@example.org"),
        comment=text,
        submit_date=fields.pop("submit_date", timezone.now()),
        parent_id=parent.pk if parent else 0,
        state=state,
        **fields,
    )
    comment.save()
    return comment


def publish_privacy_page(home, slug="datenschutz"):
    """A live content page under ``home`` (the German home page)."""
    from demo.models import ContentPage

    page = ContentPage(title="Datenschutz", slug=slug, locale=home.locale)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def moderator(django_user_model, db):
    user = django_user_model.objects.create_user(
        "mod", "mod@example.org", "pw", first_name="Mo", last_name="Derator"
    )
    user.groups.add(Group.objects.get(name="Comment moderators"))
    return user


@pytest.fixture
def editor(django_user_model, db):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def citizen(django_user_model, db):
    return django_user_model.objects.create_user(
        "citizen", "citizen@example.org", "pw", first_name="Carla", last_name="Bürger"
    )
