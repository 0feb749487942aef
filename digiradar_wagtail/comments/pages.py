"""Find the comments block of a page, whichever StreamField it sits in."""

from wagtail.fields import StreamField


def comments_block_value(page):
    """The value of the first ``CommentsBlock`` at the top of any StreamField of ``page``, or None."""
    from .blocks import CommentsBlock

    page = page.specific
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        for child in getattr(page, field.name) or []:
            if isinstance(child.block, CommentsBlock):
                return child.value, child.block
    return None
