"""Finding a participation block in a page's StreamFields: the one block finder of both sub-apps."""

from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField


def _walk(value):
    """Yield ``(block, value)`` for every block inside a StreamField value, depth first."""
    if isinstance(value, StreamValue):
        children = list(value)
    elif isinstance(value, StructValue):
        children = list(value.bound_blocks.values())
    elif isinstance(value, ListValue):
        children = list(value.bound_blocks)
    else:
        return
    for child in children:
        yield child.block, child.value
        yield from _walk(child.value)


def find_blocks(page, block_class):
    """Yield ``(value, block)`` of every ``block_class`` in any StreamField of ``page``, at any depth."""
    page = page.specific
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for block, value in _walk(getattr(page, field.name)):
                if isinstance(block, block_class):
                    yield value, block


def find_block(page, block_class):
    """
    ``(value, block)`` of the first ``block_class`` in any StreamField of ``page``, at any depth,
    or None. A page has one discussion and one rating, so the first one counts.
    """
    return next(find_blocks(page, block_class), None)
