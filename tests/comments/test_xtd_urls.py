"""
django-comments-xtd's own URLs are not mounted: its reply view and API would show pending and
hidden comments (with gravatar hashes of the authors' addresses) and take CSRF-less posts.
"""

import pytest
from django.core import mail
from django.core.checks import Error, run_checks
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from digiradar_wagtail.comments.models import HIDDEN, PENDING
from tests.comments.conftest import make_comment, post_comment

pytestmark = pytest.mark.django_db


def all_views(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_views(pattern, prefix + str(pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            callback = pattern.callback
            modules = {
                getattr(view, "__module__", "") or ""
                for view in (callback, getattr(callback, "view_class", None), getattr(callback, "cls", None))
                if view is not None
            }
            yield prefix + str(pattern.pattern), modules


def test_no_url_of_the_demo_resolves_to_a_comments_app_view():
    views = list(all_views(get_resolver("example_site.urls")))
    assert len(views) > 50  # the walk reaches into Wagtail's admin
    offending = [
        (route, module)
        for route, modules in views
        for module in modules
        if module.split(".")[0] in ("django_comments_xtd", "django_comments")
    ]
    assert offending == []


def test_xtd_reply_api_confirm_and_post_urls_answer_404(client, measure):
    pending = make_comment(measure, "Noch nicht freigegeben", state=PENDING)
    hidden = make_comment(measure, "Verborgen", state=HIDDEN)
    post_comment(client, measure.url, "Ein anonymer Kommentar")
    key = mail.outbox[0].body.split("/confirm/")[1].split("/")[0]
    for url in (
        f"/comments/reply/{pending.pk}/",
        f"/comments/reply/{hidden.pk}/",
        "/comments/api/comment/",
        f"/comments/api/digiradar_comments-discussion/{pending.object_pk}/",
        f"/comments/api/{pending.pk}/flag/",
        f"/comments/confirm/{key}/",
        f"/comments/flag/{pending.pk}/",
        "/comments/post/",
    ):
        for method in (client.get, client.post):
            # LocaleMiddleware first redirects to the /de/ path; either way it ends in a 404.
            response = method(url, follow=True)
            assert response.status_code == 404, (url, method)
            html = response.content.decode()
            assert "Noch nicht freigegeben" not in html and "Verborgen" not in html
            assert "gravatar" not in html


def test_the_system_check_fires_when_xtd_urls_are_mounted():
    assert "digiradar_comments.E010" not in {m.id for m in run_checks(tags=["urls"])}
    with override_settings(ROOT_URLCONF="tests.comments.xtd_urlconf"):
        [error] = [m for m in run_checks(tags=["urls"]) if m.id == "digiradar_comments.E010"]
    assert isinstance(error, Error)
    assert "comments/" in error.msg and "django_comments_xtd" in error.msg
    assert "django_comments_xtd.urls" in error.hint


def test_no_template_of_ours_emits_an_email_hash():
    from pathlib import Path

    import digiradar_wagtail

    root = Path(digiradar_wagtail.__file__).parent
    for template in root.rglob("*.html"):
        text = template.read_text()
        for forbidden in ("gravatar", "xtd_", "load comments", "md5"):
            assert forbidden not in text, (template, forbidden)
