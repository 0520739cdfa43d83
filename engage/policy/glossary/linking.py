"""Automatic links from content to the glossary: the first use of each agreed term in
a piece of HTML becomes a link to its definition, with a native popover that shows the
definition in place (a `popover` element opened by a button: keyboard and screen-reader
accessible, Escape closes it, no JavaScript; without popover support the link still
leads to the definition).

Only text is changed: the HTML is read with the standard library's parser, tags,
comments and attributes are written back exactly as they came, and text inside links,
headings, code, buttons, form controls, scripts and styles is never touched. Every
piece of text that is written out (matched words, labels, definitions) is escaped.

Matching is per language (the reader's, or the one given): case-insensitive, on word
boundaries of any script, the label and its "other forms" (inflections), longest first;
in Arabic a term is also found after the attached prefixes و ف ب ل ك and ال
(`والتطرف` links `التطرف`).
"""

import re
import secrets
from html import escape
from html.parser import HTMLParser

from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import terms_cache

SKIPPED = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "button",
        "textarea",
        "select",
        "option",
        "label",
        "summary",
        "abbr",
        "dfn",
        "svg",
        "math",
        "template",
        "title",
        "noscript",
    }
)
RAW_TEXT = frozenset({"script", "style"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# Letters Arabic attaches to the next word: and, so, with/by, for/to, like; the article.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
PREFIXED_LANGUAGES = frozenset({"ar"})

_PATTERNS = {}


def _boundary_before(language):
    if language not in PREFIXED_LANGUAGES:
        return r"(?<!\w)"
    prefixed = "|".join(f"(?<=(?<!\\w){re.escape(prefix)})" for prefix in ARABIC_PREFIXES)
    return rf"(?:(?<!\w)|{prefixed})"


def _pattern(language, terms):
    """(compiled regex, form.casefold() → term) for the terms of `language`."""
    token = (terms_cache.version(), language)
    found = _PATTERNS.get(token) if token[0] is not None else None
    if found is not None:
        return found
    forms = {}
    for term in terms:
        for form in term["forms"]:
            forms.setdefault(form.casefold(), term)
    if not forms:
        result = (None, {})
    else:
        alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        regex = re.compile(rf"{_boundary_before(language)}(?:{alternatives})(?!\w)", re.IGNORECASE)
        result = (regex, forms)
    if token[0] is not None:
        if len(_PATTERNS) > 64:
            _PATTERNS.clear()
        _PATTERNS[token] = result
    return result


class _Linker(HTMLParser):
    def __init__(self, regex, forms, language, prefix):
        super().__init__(convert_charrefs=True)
        self.regex, self.forms, self.language, self.prefix = regex, forms, language, prefix
        self.out = []
        self.open = []  # skipped elements that are open
        self.seen = set()
        self.count = 0

    # Markup goes back out as it came.
    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIPPED and tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.open:
            # Close it and anything left open inside it (forgiving, as browsers are).
            while self.open and self.open.pop() != tag:
                pass

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")

    def handle_data(self, data):
        if self.open and self.open[-1] in RAW_TEXT:
            self.out.append(data)
        elif self.open or self.regex is None:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self._link(data))

    def _link(self, text):
        pieces, position = [], 0
        for match in self.regex.finditer(text):
            term = self.forms.get(match.group(0).casefold())
            if term is None or term["key"] in self.seen:
                continue
            self.seen.add(term["key"])
            pieces.append(escape(text[position : match.start()], quote=False))
            pieces.append(self._reference(match.group(0), term))
            position = match.end()
        pieces.append(escape(text[position:], quote=False))
        return "".join(pieces)

    def _reference(self, words, term):
        self.count += 1
        popover_id = f"{self.prefix}-{self.count}"
        url = reverse("glossary:term", kwargs={"term_slug": term["key"]})
        direction = "rtl" if term["language"] in settings.LANGUAGES_BIDI else "ltr"
        return (
            '<span class="glossary-ref">'
            f'<a class="glossary-ref__term" href="{escape(url)}" '
            f'data-glossary-term="{escape(term["key"])}">{escape(words, quote=False)}</a>'
            f'<button type="button" class="glossary-ref__toggle" popovertarget="{popover_id}" '
            f'aria-label="{escape(_("Definition of “%(term)s”") % {"term": term["label"]})}">'
            '<span aria-hidden="true">?</span></button>'
            f'<span class="glossary-ref__popover" id="{popover_id}" popover '
            f'lang="{escape(term["language"])}" dir="{direction}">'
            f'<strong class="glossary-ref__label">{escape(term["label"], quote=False)}</strong> '
            f"{escape(term['definition'], quote=False)} "
            f'<a href="{escape(url)}">{escape(_("More in the glossary"), quote=False)}</a>'
            "</span></span>"
        )


def link_terms(html, language=None):
    """`html` with the first use of each agreed term of `language` (the active language
    by default) linked to the glossary. A value that is not marked safe is escaped
    first, so plain text can never become markup. Returns a SafeString."""
    html = str(conditional_escape(html if html is not None else ""))
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    terms = terms_cache.linkable_terms(language)
    regex, forms = _pattern(language, terms)
    if regex is None or not html:
        return mark_safe(html)  # noqa: S308 (conditional_escape made it safe)
    linker = _Linker(regex, forms, language, f"glossary-{secrets.token_hex(4)}")
    linker.feed(html)
    linker.close()
    return mark_safe("".join(linker.out))  # noqa: S308 (text escaped, markup unchanged)
