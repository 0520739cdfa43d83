"""The one way resident content becomes HTML.

Residents write plain text with light formatting. `sanitise()` turns it into a small,
safe subset of HTML: paragraphs (blank-line separated), line breaks, emphasis, lists
and links. Links keep only an http, https or mailto `href`, always carry
`rel="nofollow ugc noopener"`, and bare addresses become links. Everything else is
stripped by bleach, so what a template marks `|safe` has been through here.

Validation (empty text, NUL bytes, length, link count) happens before this, in the
services that accept the text; `sanitise()` itself never fails.

Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
are removed from resident text and names (`strip_bidi_controls`): they can make text
read in a different order from how it was written ("Trojan Source") and leak into what
is printed after them. Right-to-left text needs none of them; templates isolate names
with `<bdi>` (the `person_name` filter) and bodies with `dir="auto"`. The left-to-right
and right-to-left marks (U+200E, U+200F) are kept: they affect only neutral characters
next to them. `has_visible_text` tells text that shows something from text made only of
spaces and invisible characters (zero-width spaces and joiners, byte-order marks).
"""

import re
import unicodedata
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
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that show nothing although Unicode does not class them as format (Cf)
# or space characters: Hangul fillers, the braille blank, variation selectors and the
# combining grapheme joiner.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f") | frozenset(
    chr(code) for code in range(0xFE00, 0xFE10)
)


def strip_bidi_controls(text):
    """`text` without bidirectional embedding, override and isolate controls."""
    return _BIDI_CONTROLS.sub("", text or "")


def has_visible_text(text):
    """Whether `text` has a character that shows: not only spaces, format characters
    (zero-width spaces and joiners, byte-order marks, bidi controls) and blank-looking
    characters."""
    return any(
        not char.isspace()
        and unicodedata.category(char) not in ("Cf", "Cc", "Zs", "Zl", "Zp")
        and char not in _BLANK_LOOKING
        for char in text or ""
    )


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
    text = strip_bidi_controls(text).replace("\r\n", "\n").replace("\r", "\n")
    return _cleaner.clean(_paragraphs(text)).strip()


def count_links(html):
    """How many links sanitised HTML contains."""
    return len(_LINK.findall(html or ""))
