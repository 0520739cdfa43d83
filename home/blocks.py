"""StreamField blocks for content pages and consultations.

Headings are a block of their own, limited to h2–h4: the page title is the only <h1>,
and rich text paragraphs offer no heading buttons, so editors cannot skip levels by
accident.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

# Rich text without headings (they come from HeadingBlock) and without embeds.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading at level 2, 3 or 4."""

    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[
            ("h2", _("Heading 2 (section)")),
            ("h3", _("Heading 3 (subsection)")),
            ("h4", _("Heading 4")),
        ],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of a standard page or a consultation: headings, paragraphs, images."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=PARAGRAPH_FEATURES, icon="pilcrow"
    )
    image = ImageBlock(label=_("Image"), required=False)

    class Meta:
        template = "home/blocks/body_stream_block.html"
