"""The brief as a Yjs document: reading it, rendering it, and changing it on the server.

The browser editor (ProseMirror through y-prosemirror) keeps the document in the Yjs
XML fragment named `prosemirror`: one `XmlElement` per block (`paragraph`, `heading` with
a `level`, `bullet_list`/`ordered_list` of `list_item`, `blockquote`, ...) and `XmlText`
for inline text, with marks as formatting attributes (`strong`, `em`, `link` with an
`href`). This module only depends on pycrdt; it never touches the database.
"""

from html import escape

from pycrdt import Doc, XmlElement, XmlFragment, XmlText

FRAGMENT = "prosemirror"

# Block nodes → HTML tags. Headings start at h2: the page around the brief has the h1.
BLOCK_TAGS = {
    "paragraph": "p",
    "blockquote": "blockquote",
    "bullet_list": "ul",
    "ordered_list": "ol",
    "list_item": "li",
    "code_block": "pre",
}
VOID_TAGS = {"horizontal_rule": "<hr>", "hard_break": "<br>"}
MARK_TAGS = {"strong": "strong", "em": "em", "code": "code"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def new_doc(state=b"", updates=()):
    """A Doc holding `state` (a full update, may be empty) with `updates` applied in order."""
    doc = Doc()
    fragment(doc)
    if state:
        doc.apply_update(bytes(state))
    for update in updates:
        doc.apply_update(bytes(update))
    return doc


def fragment(doc):
    return doc.get(FRAGMENT, type=XmlFragment)


def is_valid_update(update):
    """True when `update` decodes as a Yjs update (checked on a throwaway document)."""
    try:
        Doc().apply_update(bytes(update))
    except Exception:  # noqa: BLE001 - pycrdt raises several error types for bad bytes
        return False
    return True


# Reading -------------------------------------------------------------------------------


def _heading_tag(element):
    try:
        level = int(float(element.attributes.get("level") or 1))
    except (TypeError, ValueError):
        level = 1
    return f"h{min(max(level + 1, 2), 4)}"


def _safe_href(href):
    href = str(href or "").strip()
    return href if href.lower().startswith(SAFE_SCHEMES) else ""


def _render_text(node):
    parts = []
    for chunk, attrs in node.diff():
        if not isinstance(chunk, str):
            continue
        html = escape(chunk)
        attrs = attrs or {}
        for mark, tag in MARK_TAGS.items():
            if mark in attrs:
                html = f"<{tag}>{html}</{tag}>"
        link = attrs.get("link")
        if isinstance(link, dict) and _safe_href(link.get("href")):
            href = escape(_safe_href(link.get("href")))
            html = f'<a href="{href}" rel="nofollow ugc noopener">{html}</a>'
        parts.append(html)
    return "".join(parts)


def _render_node(node):
    if isinstance(node, XmlText):
        return _render_text(node)
    if not isinstance(node, XmlElement):
        return ""
    name = node.tag
    if name in VOID_TAGS:
        return VOID_TAGS[name]
    inner = "".join(_render_node(child) for child in node.children)
    if name == "heading":
        tag = _heading_tag(node)
    else:
        tag = BLOCK_TAGS.get(name)
    if tag is None:
        return inner
    if tag == "pre":
        return f"<pre><code>{inner}</code></pre>"
    return f"<{tag}>{inner}</{tag}>"


def render_html(doc):
    """The document as safe HTML (text escaped, only known tags, only http(s)/mailto links)."""
    return "".join(_render_node(node) for node in fragment(doc).children)


def _text_of(node):
    if isinstance(node, XmlText):
        return "".join(chunk for chunk, _attrs in node.diff() if isinstance(chunk, str))
    if isinstance(node, XmlElement):
        if node.tag == "hard_break":
            return "\n"
        return "".join(_text_of(child) for child in node.children)
    return ""


def _leaf_blocks(node, out):
    """Collect the text of each block that holds inline content (paragraphs, headings...)."""
    if not isinstance(node, XmlElement):
        return
    children = list(node.children)
    if any(isinstance(child, XmlText) for child in children) or not children:
        if node.tag not in VOID_TAGS:
            out.append(_text_of(node))
        return
    for child in children:
        _leaf_blocks(child, out)


def blocks(doc):
    """The text of each block, in order (list items and quotes give one entry per paragraph)."""
    out = []
    for node in fragment(doc).children:
        _leaf_blocks(node, out)
    return out


def plain_text(doc):
    """The document's text, one block per line."""
    return "\n".join(blocks(doc))


def text_length(node):
    """Characters of text in `node` (a Doc, fragment, element or text)."""
    if isinstance(node, Doc):
        node = fragment(node)
    if isinstance(node, XmlText):
        return len(node)
    if isinstance(node, (XmlElement, XmlFragment)):
        return sum(text_length(child) for child in node.children)
    return 0


def apply_counting(doc, update):
    """Apply `update` to `doc`; return (characters added, characters removed).

    Added: text inserted into existing text, plus the text of blocks inserted whole.
    Removed: worked out from the length before and after, so deleting whole blocks counts.
    """
    root = fragment(doc)
    before = text_length(root)
    added = 0

    def count(events):
        nonlocal added
        for event in events:
            for change in getattr(event, "delta", None) or []:
                inserted = change.get("insert") if isinstance(change, dict) else None
                if isinstance(inserted, str):
                    added += len(inserted)
                elif isinstance(inserted, list):
                    added += sum(text_length(item) for item in inserted)

    subscription = root.observe_deep(count)
    try:
        doc.apply_update(bytes(update))
    finally:
        root.unobserve(subscription)
    after = text_length(root)
    removed = max(before + added - after, 0)
    return added, removed


# Changing --------------------------------------------------------------------------------


def _copy_into(parent, node):
    if isinstance(node, XmlText):
        text = parent.children.append(XmlText())
        for chunk, attrs in node.diff():
            if isinstance(chunk, str):
                text.insert(len(text), chunk, attrs or None)
    elif isinstance(node, XmlElement):
        element = parent.children.append(XmlElement(node.tag, dict(node.attributes)))
        for child in node.children:
            _copy_into(element, child)


def make_equal_to(doc, source):
    """Change `doc` (in one transaction) so that its content equals `source`'s.

    Used to restore a revision: the change is an ordinary update, so connected editors
    converge on it like on anyone's edit.
    """
    target = fragment(doc)
    with doc.transaction(origin="restore"):
        count = len(target.children)
        if count:
            del target.children[0:count]
        for node in fragment(source).children:
            _copy_into(target, node)


def _texts(node):
    if isinstance(node, XmlText):
        yield node
    elif isinstance(node, (XmlElement, XmlFragment)):
        for child in node.children:
            yield from _texts(child)


def _attrs_at(text, index):
    position = 0
    for chunk, attrs in text.diff():
        length = len(chunk) if isinstance(chunk, str) else 1
        if position <= index < position + length:
            return attrs
        position += length
    return None


def replace_passage(doc, quote, replacement):
    """Replace the first occurrence of `quote` (within one block) by `replacement`.

    The replacement keeps the formatting of the passage's first character. Returns False,
    changing nothing, when the passage is no longer in the document.
    """
    if not quote:
        return False
    for text in _texts(fragment(doc)):
        content = "".join(chunk for chunk, _attrs in text.diff() if isinstance(chunk, str))
        index = content.find(quote)
        if index < 0:
            continue
        attrs = _attrs_at(text, index)
        with doc.transaction(origin="suggestion"):
            del text[index : index + len(quote)]
            if replacement:
                text.insert(index, replacement, attrs or None)
        return True
    return False


def append_paragraph(doc, content):
    """Add a paragraph at the end (tests, seeding)."""
    with doc.transaction():
        fragment(doc).children.append(XmlElement("paragraph", {}, [XmlText(content)]))
