"""
Links mailed to citizens that name one row: ``{"id": ..., "nonce": ...}`` signed as JSON with a salt
per purpose (comment confirmation, follow confirmation, unsubscribe). Only JSON is ever decoded;
the row's random nonce, compared by the caller, lets a link be withdrawn by changing or deleting
its row.
"""

import secrets
import zlib

from django.core import signing


class Expired(Exception):
    """The link was signed by us but is older than its purpose allows."""


def new_nonce():
    """A row's random nonce (changing it withdraws every link to the row)."""
    return secrets.token_urlsafe(32)


def make(pk, nonce, salt):
    return signing.dumps({"id": pk, "nonce": nonce}, salt=salt, serializer=signing.JSONSerializer)


def read(token, salt, max_age=None):
    """``(id, nonce)`` from a link we signed with ``salt``; None for anything else; :class:`Expired`."""
    try:
        payload = signing.loads(token, salt=salt, serializer=signing.JSONSerializer, max_age=max_age)
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
