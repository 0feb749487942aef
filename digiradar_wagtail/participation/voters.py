"""
Who a citizen is when they vote or support something, without storing who they are: a random
first-party cookie, set only when they act, and stored only as a keyed hash. Shared by the ratings
and ideas apps; each passes its own cookie name and purpose, so their ids cannot be matched.
"""

import secrets

from django.utils.crypto import salted_hmac


def voter_id_of(raw_cookie, purpose):
    """The stored id of an anonymous voter: a keyed hash (HMAC with SECRET_KEY) of their cookie."""
    return salted_hmac(purpose, raw_cookie, algorithm="sha256").hexdigest()


def cookie_voter_id(request, cookie_name, purpose):
    """The stored id of the anonymous voter behind this request, or None if they never acted."""
    raw = request.COOKIES.get(cookie_name, "")
    # Ids we hand out are 32 url-safe characters; anything else is ignored.
    if not (16 <= len(raw) <= 64):
        return None
    return voter_id_of(raw, purpose)


def new_voter_cookie():
    """A fresh random cookie value (only set once someone acts)."""
    return secrets.token_urlsafe(24)


def set_voter_cookie(response, request, cookie_name, raw, max_age):
    response.set_cookie(
        cookie_name, raw, max_age=max_age, secure=request.is_secure(), httponly=True, samesite="Lax"
    )
