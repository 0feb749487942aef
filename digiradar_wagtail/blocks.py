"""Blocks for the body of a measure page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=80, label=_("Label"))
    value = blocks.CharBlock(max_length=200, label=_("Value"))

    class Meta:
        icon = "list-ul"
        label = _("Fact")


class MeasureBodyBlock(blocks.StreamBlock):
    """Free content of a measure: text, headings, images with alt text, key facts."""

    heading = blocks.CharBlock(
        max_length=120,
        label=_("Heading"),
        template="digiradar_wagtail/blocks/heading.html",
        form_classname="title",
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"], label=_("Paragraph")
    )
    image = ImageBlock(label=_("Image"), template="digiradar_wagtail/blocks/image.html")
    facts = blocks.ListBlock(
        FactBlock(), label=_("Key facts"), template="digiradar_wagtail/blocks/facts.html"
    )
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
