"""Keep aggregates exact when a user account is deleted (GDPR deletion)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import pre_delete

from .models import Vote
from .services import cast_vote


def withdraw_votes_of_deleted_user(sender, instance, **kwargs):
    # The cascade would delete the rows behind the aggregates' back; withdraw them properly.

    for translation_key, scale in Vote.objects.filter(user=instance).values_list(
        "target__translation_key", "target__scale"
    ):
        cast_vote(translation_key, scale, None, user=instance)


def connect():
    """Called from ``AppConfig.ready()``."""
    pre_delete.connect(
        withdraw_votes_of_deleted_user, sender=get_user_model(), dispatch_uid="digiradar_ratings_user"
    )
