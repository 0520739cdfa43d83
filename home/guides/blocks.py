"""StreamField blocks of discussion guides: the questions to ask and further support."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuestionBlock(blocks.StructBlock):
    """One question to ask, with an optional note on why it helps."""

    question = blocks.CharBlock(label=_("question"), max_length=300)
    why = blocks.TextBlock(
        label=_("why ask it"),
        required=False,
        help_text=_("Optional: one plain sentence on what the question opens up."),
    )

    class Meta:
        icon = "help"
        label = _("Question")


class ContactBlock(blocks.StructBlock):
    """Someone to turn to: a team, a helpline or a partner organisation."""

    name = blocks.CharBlock(label=_("name"), max_length=200)
    description = blocks.TextBlock(label=_("what they help with"), required=False, max_length=500)
    phone = blocks.CharBlock(label=_("phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("email"), required=False)
    url = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact")


class LinkBlock(blocks.StructBlock):
    """A further-reading link."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"))
    description = blocks.TextBlock(label=_("description"), required=False, max_length=500)

    class Meta:
        icon = "link"
        label = _("Link")


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionBlock()


class SupportBlock(blocks.StreamBlock):
    contact = ContactBlock()
    link = LinkBlock()
