"""
Who is voting, without storing who they are: the anonymous voter's cookie (stored only as a keyed
hash), single-use signed form tokens, and the two rate limits of the vote endpoint (counted in
Django's cache under ``participation.ratelimit.client_hash``, never the address itself).
"""

import secrets
import time
import uuid

from django.core import signing

from ..participation import voters as shared_voters
from ..participation.ratelimit import client_hash, within_limit
from .conf import ratings_settings

TOKEN_SALT = "digiradar_ratings.form"


# The voter cookie ----------------------------------------------------------------------------------


VOTER_PURPOSE = "digiradar_ratings.voter"


def voter_id_of(raw_cookie):
    """The stored id of an anonymous voter: a keyed hash (HMAC with SECRET_KEY) of their cookie."""
    return shared_voters.voter_id_of(raw_cookie, VOTER_PURPOSE)


def cookie_voter_id(request):
    """The stored id of the anonymous voter behind this request, or None if they never voted."""
    return shared_voters.cookie_voter_id(request, ratings_settings.RATINGS_COOKIE_NAME, VOTER_PURPOSE)


new_voter_cookie = shared_voters.new_voter_cookie


def set_voter_cookie(response, request, raw):
    shared_voters.set_voter_cookie(
        response, request, ratings_settings.RATINGS_COOKIE_NAME, raw, ratings_settings.RATINGS_COOKIE_MAX_AGE
    )


# Rate limits --------------------------------------------------------------------------------------


def within_rate_limit(request):
    """Count this attempt; False once the client (user, else address) has used up its limit."""
    window = max(1, int(ratings_settings.RATINGS_RATE_WINDOW))
    key = f"digiradar_ratings:rate:{client_hash(request, 'ratings.rate')}:{int(time.time() // window)}"
    return within_limit(key, window, ratings_settings.RATINGS_RATE_LIMIT)


def within_new_vote_limit(request, translation_key):
    """
    Count a new anonymous vote on one rating; False once this client address (a keyed hash) has
    cast RATINGS_COOKIELESS_REVOTE_LIMIT of them on this rating within the window.

    "New" means the request carries no voter cookie with a vote on this rating: no cookie, a
    cookie that was dropped and replaced, or an invented one. Changing or withdrawing one's vote
    with the cookie one voted with never counts, and logged-in people (one vote per account)
    are not counted at all (the view asks only for anonymous requests).
    """
    window = max(1, int(ratings_settings.RATINGS_COOKIELESS_REVOTE_WINDOW))
    key = f"digiradar_ratings:newvote:{client_hash(request, 'ratings.newvote')}:{translation_key}"
    return within_limit(key, window, ratings_settings.RATINGS_COOKIELESS_REVOTE_LIMIT)


# Form tokens --------------------------------------------------------------------------------------


def _token_signer(translation_key):
    # The target is in the salt, so a token signed for one rating is refused by every other one.
    return signing.TimestampSigner(salt=f"{TOKEN_SALT}:{translation_key}")


def make_form_token(translation_key):
    """
    A single-use form token for one rating: a fresh nonce (32 hex digits), signed with the time
    it was made (``nonce:time:signature``); each form can be sent once.
    """
    return _token_signer(translation_key).sign(secrets.token_hex(16))


def read_form_token(token, translation_key):
    """The nonce (a UUID) of a valid, unexpired token for this target, or None."""
    try:
        nonce = _token_signer(translation_key).unsign(
            token or "", max_age=ratings_settings.RATINGS_FORM_MAX_AGE
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if len(nonce) != 32:
        return None
    try:
        return uuid.UUID(hex=nonce)  # what UsedFormToken keeps
    except ValueError:
        return None
