"""Through a real Varnish: moderating a comment purges the page that shows it, in every language."""

from django.contrib.auth import get_user_model

from digiradar_wagtail.comments import moderation
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
