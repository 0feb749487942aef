"""Plausible demo votes for the demo measures. Running it again changes nothing."""

import datetime
import random

from django.utils import timezone

from digiradar_wagtail.ratings.models import Vote
from digiradar_wagtail.ratings.presenter import find_rating_block
from digiradar_wagtail.ratings.services import RatingError, cast_vote
from digiradar_wagtail.ratings.voters import voter_id_of

# How opinions lean, per scale: weights of the values (stars 1..5; disagree, agree).
LEANINGS = {
    "stars": [
        ((1, 2, 3, 4, 5), (1, 1, 3, 5, 4)),
        ((1, 2, 3, 4, 5), (3, 3, 3, 2, 1)),
        ((1, 2, 3, 4, 5), (1, 2, 4, 3, 2)),
    ],
    "agree": [((1, -1), (3, 1)), ((1, -1), (1, 1))],
}


def load(measures):
    """Add 6 to 40 demo votes to each German measure with a rating (deterministic per measure)."""
    now = timezone.now()
    for measure in measures:
        block = find_rating_block(measure.specific)
        if block is None:
            continue
        scale = block["scale"]
        rng = random.Random(str(measure.translation_key))  # same votes on every run
        values, weights = rng.choice(LEANINGS[scale])
        for number in range(rng.randint(6, 40)):
            # Demo voters are fixed pseudo-cookies: voting again with the same value is a no-op.
            voter_id = voter_id_of(f"demo-voter-{measure.translation_key}-{number}")
            value = rng.choices(values, weights)[0]
            when = now - datetime.timedelta(hours=rng.randint(1, 24 * 60))
            try:
                previous = cast_vote(measure.translation_key, scale, value, voter_id=voter_id)
            except RatingError:  # closed by a moderator, or the scale changed: leave it alone
                break
            if previous is None:
                # A new vote: date it back, so that the report shows a history, not a burst.
                Vote.objects.filter(voter_id=voter_id).update(created_at=when, updated_at=when)
