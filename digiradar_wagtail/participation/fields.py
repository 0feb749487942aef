"""The measure's participation StreamField: every participation block stored, the installed ones offered."""

from wagtail.blocks import StreamBlock
from wagtail.fields import StreamField

from .blocks import CommentsBlock, ParticipationWindowBlock, RatingBlock


def participation_blocks():
    """The blocks a measure may carry, whichever sub-apps are installed (stable for migrations)."""
    return [("comments", CommentsBlock()), ("rating", RatingBlock())]


def default_participation():
    """A new measure starts with each participation block whose app is installed."""
    return [{"type": name, "value": {}} for name, block in participation_blocks() if block.is_available()]


class ParticipationField(StreamField):
    """
    A StreamField of participation blocks. The editor offers only the blocks whose sub-app is
    installed; stored blocks of a missing app are kept (check ``digiradar_wagtail.W004`` names them)
    and render nothing.
    """

    def formfield(self, **kwargs):
        full = self.stream_block
        offered = [
            (name, block)
            for name, block in full.child_blocks.items()
            if not isinstance(block, ParticipationWindowBlock) or block.is_available()
        ]
        block = StreamBlock(offered, required=full.meta.required, block_counts=full.meta.block_counts)
        block.set_name(full.name)
        return super().formfield(block=block, **kwargs)
