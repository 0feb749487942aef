"""Through a real Varnish: moderating a comment purges the page that shows it, in every language."""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from digiradar_wagtail.comments import moderation
from digiradar_wagtail.comments.bulk_actions import ApproveBulkAction
from digiradar_wagtail.comments.models import PENDING, PUBLISHED
from tests import builders
from tests.comments.conftest import make_comment
from tests.frontcache.test_varnish import cached_twice, shows_within


def test_approving_hiding_and_post_moderated_comments_purge_the_page_in_both_languages(
    varnish, measure, english
):
    moderator = get_user_model().objects.create_superuser("moderator", "moderator@example.org", "pw")
    translation = builders.translate(measure, english)
    paths = [measure.get_url(), translation.get_url()]
    comment = make_comment(measure, "Bitte auch in Leichter Sprache.", state=PENDING)
    for path in paths:
        assert "Bitte auch in Leichter Sprache." not in cached_twice(varnish, path)

    moderation.approve(comment, moderator)
    for path in paths:
        assert (
            "Bitte auch in Leichter Sprache."
            in shows_within(varnish, path, "Bitte auch in Leichter Sprache.").text
        )
        cached_twice(varnish, path)

    moderation.hide(comment, moderator, "Doppelt")
    for path in paths:
        response = varnish.get(path)
        assert response.headers["X-Cache"] == "MISS", path
        assert "Bitte auch in Leichter Sprache." not in response.text

    # Post-moderation: a comment saved as published shows at once.
    make_comment(translation, "Seen on the English page.", state=PUBLISHED)
    for path in paths:
        assert "Seen on the English page." in shows_within(varnish, path, "Seen on the English page.").text


def _approve_in_one_transaction(comments, moderator):
    """What the queue's bulk "Approve" runs, counting its queries (the purges run at the commit)."""
    with CaptureQueriesContext(connection) as queries:
        with transaction.atomic():
            ApproveBulkAction.execute_action(comments, user=moderator)
    return len(queries)


def test_bulk_moderation_purges_every_page_once_in_a_fixed_number_of_queries(varnish, radar, settings):
    moderator = get_user_model().objects.create_superuser("moderator", "moderator@example.org", "pw")
    measures = [builders.make_measure(radar, f"Maßnahme {index}") for index in range(3)]
    said = [(measure, f"Kommentar {index} zu {measure.title}") for measure in measures for index in range(2)]
    pending = [make_comment(measure, text, state=PENDING) for measure, text in said]
    for measure in measures:
        cached_twice(varnish, measure.get_url())

    # The purges' own queries: with the front cache less those without, for 1 and for 5 comments.
    enabled = [_approve_in_one_transaction(pending[:1], moderator)]
    enabled.append(_approve_in_one_transaction(pending[1:], moderator))
    for measure, text in said:
        assert text in shows_within(varnish, measure.get_url(), text).text

    again = [make_comment(measure, text, state=PENDING) for measure, text in said]
    backends = settings.WAGTAILFRONTENDCACHE
    settings.WAGTAILFRONTENDCACHE = {}
    disabled = [_approve_in_one_transaction(again[:1], moderator)]
    disabled.append(_approve_in_one_transaction(again[1:], moderator))
    settings.WAGTAILFRONTENDCACHE = backends
    assert enabled[0] - disabled[0] == enabled[1] - disabled[1], (enabled, disabled)
