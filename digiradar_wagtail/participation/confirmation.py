"""
Links that confirm an anonymous contribution by mail (comments, ideas): they carry only a row's id
and its random nonce, signed as JSON (never a pickled object) with a salt per use.
"""

import datetime
import secrets
import zlib

from django.core import signing


class Expired(Exception):
    """The link was signed by us but is older than it may be."""


def new_nonce():
    return secrets.token_urlsafe(32)


def make_key(pk, nonce, salt):
    return signing.dumps({"id": pk, "nonce": nonce}, salt=salt, serializer=signing.JSONSerializer)


def read_key(key, salt, max_days):
    """
    The ``(id, nonce)`` a key carries, or None for anything that is not a key we signed;
    :class:`Expired` for one older than ``max_days``.
    """
    try:
        payload = signing.loads(
            key,
            salt=salt,
            serializer=signing.JSONSerializer,
            max_age=datetime.timedelta(days=max_days),
        )
    except signing.SignatureExpired:
        raise Expired from None
    except (signing.BadSignature, ValueError, TypeError, zlib.error, RecursionError):
        return None
    if not isinstance(payload, dict) or set(payload) != {"id", "nonce"}:
        return None
    pk, nonce = payload["id"], payload["nonce"]
    if type(pk) is not int or not isinstance(nonce, str) or not 0 < pk < 2**63:
        return None
    return pk, nonce
