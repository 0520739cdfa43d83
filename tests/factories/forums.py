"""Forums: the forum index and forum pages, added to the page tree."""

from forums.models import ForumIndexPage, ForumPage
from tests.factories.pages import PageFactory


class ForumIndexPageFactory(PageFactory):
    """The forums' index page, under `parent` (usually the home page)."""

    class Meta:
        model = ForumIndexPage

    title = "Forums"
    intro = "<p>Talk it through.</p>"


class ForumPageFactory(PageFactory):
    """A published forum under `parent` (a ForumIndexPage)."""

    class Meta:
        model = ForumPage

    title = "Myths and facts"
    intro = "<p>Check a rumour.</p>"
    posting_guidelines = "<ul><li>Be kind.</li></ul>"
