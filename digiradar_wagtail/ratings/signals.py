"""Keep aggregates exact when a user account is deleted (GDPR deletion)."""

from django.db.models.signals import pre_delete


def withdraw_votes_of_deleted_user(sender, instance, **kwargs):
    # The cascade would delete the rows behind the aggregates' back; withdraw them properly.
    from .models import Vote
    from .services import cast_vote

    for translation_key, scale in Vote.objects.filter(user=instance).values_list(
        "target__translation_key", "target__scale"
    ):
        cast_vote(translation_key, scale, None, user=instance)


def connect():
    from django.contrib.auth import get_user_model

    pre_delete.connect(
        withdraw_votes_of_deleted_user, sender=get_user_model(), dispatch_uid="digiradar_ratings_user"
    )
