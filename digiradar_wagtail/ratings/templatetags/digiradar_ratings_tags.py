"""Template tags of the rating block."""

from django import template

from ..presenter import MESSAGE_TAG

register = template.Library()


@register.simple_tag(takes_context=True)
def rating_messages(context):
    """
    Take this app's messages out of the message storage and return them.

    Iterating the storage would consume every message on the page (comments' too); this only
    removes the rating's own, tagged ``digiradar-rating``.
    """
    request = context.get("request")
    storage = getattr(request, "_messages", None)
    if storage is None:
        return []
    mine = []
    # _loaded_messages / _queued_messages are BaseStorage's lists; removing from them keeps
    # every other message for whoever renders them.
    for bucket in (storage._loaded_messages, storage._queued_messages):
        for message in list(bucket):
            if MESSAGE_TAG in (message.extra_tags or "").split():
                bucket.remove(message)
                mine.append(message)
    if mine:
        storage.added_new = True  # make the storage save the shortened list
    return mine
