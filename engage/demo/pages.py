"""Demo pages, created once below their parent and published."""

from wagtail.models import Page

from .data import stream

# Page fields given as translated text; "body" is StreamField data (`data.stream`).
TRANSLATED_PAGE_FIELDS = ("title", "intro", "summary", "search_description", "posting_guidelines")


def page_content(node, fields=TRANSLATED_PAGE_FIELDS, body=False):
    """Model keyword arguments for the translated fields present in `node`; `title`
    is required."""
    content = node["title"].translated("title")
    for name in fields:
        if name != "title" and node.has(name):
            content.update(node[name].translated(name))
    if body and node.has("body"):
        content.update(node["body"].translated("body", convert=stream))
    return content


def child_page(parent: Page, model, slug, content, context, **fields):
    """The `model` page with `slug` below `parent`; created and published if missing
    (an existing page is kept as it is, edits included)."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **content, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    context.note(True, "page", page.title)
    return page
