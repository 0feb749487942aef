"""Finding a participation block in a page's StreamFields: the one block finder of both sub-apps."""

from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField

_CAN_HOLD = {}


def can_hold(block, block_class):
    """Can ``block`` be or contain a ``block_class``? (Known per block definition after the first ask.)"""
    key = (id(block), block_class)
    if key not in _CAN_HOLD:
        _CAN_HOLD[key] = False  # guards against recursive definitions
        if isinstance(block, block_class):
            found = True
        elif isinstance(block, (StreamBlock, StructBlock)):
            found = any(can_hold(child, block_class) for child in block.child_blocks.values())
        elif isinstance(block, ListBlock):
            found = can_hold(block.child_block, block_class)
        else:
            found = False
        _CAN_HOLD[key] = found
    return _CAN_HOLD[key]


def _walk(value, block_class):
    """
    Yield ``(block, value)`` for every block inside a StreamField value that is or can contain a
    ``block_class``, depth first: other blocks (rich text, images ...) are never converted.
    """
    if isinstance(value, StreamValue):
        child_blocks = value.stream_block.child_blocks
        # The type from the raw JSON, so that only the children that matter are converted.
        children = [
            value[index]
            for index, raw in enumerate(value.raw_data)
            if can_hold(child_blocks.get(raw.get("type")), block_class)
        ]
    elif isinstance(value, StructValue):
        children = [child for child in value.bound_blocks.values() if can_hold(child.block, block_class)]
    elif isinstance(value, ListValue):
        children = list(value.bound_blocks) if can_hold(value.list_block.child_block, block_class) else []
    else:
        return
    for child in children:
        yield child.block, child.value
        yield from _walk(child.value, block_class)


def find_blocks(page, block_class):
    """Yield ``(value, block)`` of every ``block_class`` in any StreamField of ``page``, at any depth."""
    page = page.specific
    for field in page._meta.get_fields():
        if isinstance(field, StreamField) and can_hold(field.stream_block, block_class):
            for block, value in _walk(getattr(page, field.name), block_class):
                if isinstance(block, block_class):
                    yield value, block


def find_block(page, block_class):
    """
    ``(value, block)`` of the first ``block_class`` in any StreamField of ``page``, at any depth,
    or None. A page has one discussion and one rating, so the first one counts.
    """
    return next(find_blocks(page, block_class), None)
