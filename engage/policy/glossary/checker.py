"""Writers' help: find discouraged terms in a text (the preferred alternative and the
reason come with each match). Nothing is blocked; the editor scripts show the matches
beside the field (static/glossary/writing-help.js)."""

import re
from html.parser import HTMLParser

from . import terms_cache

MAX_TEXT = 50_000


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def text_of(html):
    """The text of an HTML fragment (tags become spaces)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def find_discouraged(text, language=None):
    """Each use of a discouraged term of an agreed term in `text`: dicts with the
    phrase as found, its offsets, the preferred alternative, the reason and the term.
    `language` limits the check to one language's discouraged terms."""
    text = (text or "")[:MAX_TEXT]
    if not text.strip():
        return []
    matches = []
    taken = []
    entries = sorted(terms_cache.discouraged_terms(language), key=lambda e: -len(e["phrase"]))
    for entry in entries:
        regex = re.compile(rf"(?<!\w){re.escape(entry['phrase'])}(?!\w)", re.IGNORECASE)
        for match in regex.finditer(text):
            span = (match.start(), match.end())
            if any(start < span[1] and span[0] < end for start, end in taken):
                continue  # inside a longer discouraged phrase already found
            taken.append(span)
            matches.append(
                {
                    "found": match.group(0),
                    "start": span[0],
                    "end": span[1],
                    "phrase": entry["phrase"],
                    "preferred": entry["preferred"],
                    "reason": entry["reason"],
                    "language": entry["language"],
                    "term": entry["key"],
                    "term_label": entry["term"],
                }
            )
    return sorted(matches, key=lambda item: item["start"])
