"""The one way resident content becomes HTML.

Residents write plain text with light formatting. `sanitise()` turns it into a small,
safe subset of HTML: paragraphs (blank-line separated), line breaks, emphasis, lists
and links. Links keep only an http, https or mailto `href`, always carry
`rel="nofollow ugc noopener"`, and bare addresses become links. Everything else is
stripped by bleach, so what a template marks `|safe` has been through here.

Validation (empty text, NUL bytes, length, link count) happens before this, in the
services that accept the text; `sanitise()` itself never fails.
"""

import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_LIST_TAG = re.compile(r"<\s*/?\s*(ul|ol|li)\b", re.IGNORECASE)
_LINK = re.compile(r"<a\s", re.IGNORECASE)


def _safe_link(attrs, new=False):
    """Keep a link only with an allowed scheme; give it our rel and nothing else."""
    href = attrs.get((None, "href"), "")
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme not in ALLOWED_PROTOCOLS:
        return None  # the text stays, the link goes
    return {(None, "href"): href, (None, "rel"): LINK_REL, "_text": attrs.get("_text", "")}


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_safe_link], parse_email=True)],
)


def _paragraphs(text):
    """Blank-line separated blocks as <p>, single newlines as <br>; lists left as lists."""
    blocks = []
    for block in _PARAGRAPH_BREAK.split(text):
        block = block.strip()
        if not block:
            continue
        if _LIST_TAG.search(block):
            blocks.append(block)
        else:
            blocks.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return "\n".join(blocks)


def sanitise(text):
    """Resident text with light formatting, as safe HTML (see the module docstring)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _cleaner.clean(_paragraphs(text)).strip()


def count_links(html):
    """How many links sanitised HTML contains."""
    return len(_LINK.findall(html or ""))
