"""
The signed links of a follow: confirm (works ``FOLLOW_CONFIRM_DAYS``), unsubscribe and unsubscribe
from every weekly follow of the same person (both work as long as the follow exists). Each
carries the id and random nonce of a :class:`Subscription`
(``digiradar_wagtail.participation.signed_links``), with a salt per purpose.
"""

import datetime

from django.utils.crypto import constant_time_compare

from ..participation import signed_links
from .conf import follow_settings
from .models import Subscription

CONFIRM = "digiradar_follow.confirm"
UNSUBSCRIBE = "digiradar_follow.unsubscribe"
# The one-click link of a digest that tells of several follows: ends all weekly follows of the person.
UNSUBSCRIBE_WEEKLY = "digiradar_follow.unsubscribe_weekly"
Expired = signed_links.Expired


def make(subscription, purpose):
    return signed_links.make(subscription.pk, subscription.nonce, purpose)


def read(token, purpose):
    """
    The subscription a token names: a :class:`Subscription`; None if the token is not one we
    signed or its nonce does not match; ``Subscription.DoesNotExist`` (the class) if its row is
    gone, so callers can tell "already unsubscribed" from "forged"; or raises :class:`Expired`.
    """
    max_age = datetime.timedelta(days=follow_settings.FOLLOW_CONFIRM_DAYS) if purpose == CONFIRM else None
    found = signed_links.read(token, purpose, max_age=max_age)
    if found is None:
        return None
    pk, nonce = found
    subscription = Subscription.objects.filter(pk=pk).select_related("content_type", "user").first()
    if subscription is None:
        return Subscription.DoesNotExist
    return subscription if constant_time_compare(subscription.nonce, nonce) else None
