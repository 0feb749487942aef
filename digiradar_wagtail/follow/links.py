"""
The signed links of a follow: confirm (works ``FOLLOW_CONFIRM_DAYS``) and unsubscribe (works as
long as the follow exists). Each carries ``{"id": ..., "nonce": ...}`` of a :class:`Subscription`,
signed as JSON with a salt per purpose; only JSON is ever decoded.
"""

import datetime
import zlib

from django.core import signing
from django.utils.crypto import constant_time_compare

from .conf import follow_settings
from .models import Subscription

CONFIRM = "digiradar_follow.confirm"
UNSUBSCRIBE = "digiradar_follow.unsubscribe"


class Expired(Exception):
    pass


def make(subscription, purpose):
    payload = {"id": subscription.pk, "nonce": subscription.nonce}
    return signing.dumps(payload, salt=purpose, serializer=signing.JSONSerializer)


def read(token, purpose):
    """
    The subscription a token names: a :class:`Subscription`, None if the token is not one we
    signed (or names a row that no longer matches), or raises :class:`Expired`. A token whose row
    is gone answers ``Subscription.DoesNotExist`` as the class itself, so callers can tell
    "already unsubscribed" from "forged".
    """
    max_age = datetime.timedelta(days=follow_settings.FOLLOW_CONFIRM_DAYS) if purpose == CONFIRM else None
    try:
        payload = signing.loads(token, salt=purpose, serializer=signing.JSONSerializer, max_age=max_age)
    except signing.SignatureExpired:
        raise Expired from None
    except (signing.BadSignature, ValueError, TypeError, zlib.error, RecursionError):
        return None
    if not isinstance(payload, dict) or set(payload) != {"id", "nonce"}:
        return None
    pk, nonce = payload["id"], payload["nonce"]
    if type(pk) is not int or not isinstance(nonce, str) or not 0 < pk < 2**63:
        return None
    subscription = Subscription.objects.filter(pk=pk).select_related("content_type", "user").first()
    if subscription is None:
        return Subscription.DoesNotExist
    return subscription if constant_time_compare(subscription.nonce, nonce) else None
