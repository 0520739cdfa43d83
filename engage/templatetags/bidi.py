"""The language and direction of what a page shows: `{% load bidi %}`.

A page is in the reader's language, but much of what it shows is not: resident content
keeps the language it was written in, and a translated page field that is empty in the
reader's language falls back to English (django-modeltranslation). Without its own
`lang` and `dir`, such text takes the page's: an English comment on an Arabic page reads
".Replace the play area…", with the full stop at the wrong end, and screen readers read
it with an Arabic voice.

- `<div {{ comment|lang_dir }}>`: `lang="ar" dir="rtl"` for anything with a `language`
  (comments, posts, claims, fact-checks, statements, queue items) or for a language
  code; `lang="" dir="auto"` when the language is not known (the text sets the
  direction, and screen readers are told the language is unknown).
- `<h1{% field_lang page "title" %}>`: nothing when the field is shown in the reader's
  language; ` lang="en" dir="ltr"` (with its leading space) when it is empty and the
  fallback language is shown. Works for every field registered with modeltranslation,
  on pages (`title`, `summary`, `body`, `intro`) and snippets alike.
- `{{ value|bdi }}`: the value escaped and isolated in `<bdi>`, for a number or name
  printed inside running text (`person_name` does this for people's names).
- `{{ thread.title|in_language:thread }}` and `{{ page|field_bdi:"title" }}`: resident
  text or a translated field quoted in a translated sentence, isolated with its own
  `lang` and `dir`; `{{ forum|fallback_language:"title" }}` names the fallback language
  for components that take a `lang` (components/card.html).
- `{{ sentence|isolate_numbers }}`: every number in an already rendered sentence isolated
  in `<bdi>`, for sentences that come from `{% blocktranslate … asvar sentence %}`, so
  that their message ids (and the translations) stay as they are.

`dir` comes from the language's bidi flag (settings.LANGUAGES_BIDI). Nothing here sets
CSS `direction`: the attributes do it, and `bidi.css` only isolates what needs it.
"""

import re
from collections.abc import Mapping

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as content_language

register = template.Library()


def base_language(code):
    """`"ar"` for `"ar-EG"` or `"AR"`; `""` for no language."""
    return str(code or "").split("-")[0].split("_")[0].strip().lower()


def known_language(code):
    """The configured language `code` names (its base language when only that is
    configured), or `""` when it names none."""
    code = str(code or "").strip()
    configured = {language for language, _name in settings.LANGUAGES}
    if code in configured:
        return code
    base = base_language(code)
    return base if base in configured else ""


def language_direction(code):
    """`"rtl"` or `"ltr"` for a known language, `"auto"` for an unknown one."""
    language = known_language(code)
    if not language:
        return "auto"
    bidi = {base_language(lang) for lang in getattr(settings, "LANGUAGES_BIDI", ())}
    return "rtl" if base_language(language) in bidi else "ltr"


def language_of(content):
    """The recorded language of resident content, or `content` itself as a code."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping):
        return content.get("language") or ""
    return getattr(content, "language", "") or ""


def lang_dir_attributes(language):
    """`lang="…" dir="…"` for a language code; `lang="" dir="auto"` if unknown."""
    known = known_language(language)
    return format_html('lang="{}" dir="{}"', known, language_direction(known))


@register.filter
def lang_dir(content):
    """`lang` and `dir` attributes for a piece of resident content (or a code)."""
    return lang_dir_attributes(language_of(content))


def _descriptor(instance, field):
    for klass in type(instance).__mro__:
        descriptor = vars(klass).get(field)
        if descriptor is not None:
            return descriptor if isinstance(descriptor, TranslationFieldDescriptor) else None
    return None


def shown_language(instance, field):
    """The language whose value of the translated `field` the reader sees: the reader's
    when it is filled in, otherwise the first fallback language that has one (the same
    walk as modeltranslation's descriptor). None when `field` is not translated or no
    language has a value."""
    descriptor = _descriptor(instance, field)
    if descriptor is None:
        return None
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    for language in resolution_order(content_language(), descriptor.fallback_languages):
        value = getattr(instance, build_localized_fieldname(field, language), None)
        if descriptor.meaningful_value(value, undefined) and _has_content(value):
            return language
    return None


def _has_content(value):
    """Whether a value the descriptor would show is more than blank: an empty stream
    or whitespace counts as missing, as a reader sees nothing."""
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return len(value) > 0
    except TypeError:
        return True


@register.simple_tag
def field_lang(instance, field):
    """` lang="en" dir="ltr"` when the reader sees `field` of `instance` in a fallback
    language; nothing when it is in the reader's language (the page's `lang` holds)."""
    if instance is None:
        return ""
    shown = shown_language(instance, field)
    if shown is None or base_language(shown) == base_language(content_language()):
        return ""
    return format_html(" {}", lang_dir_attributes(shown))


@register.filter
def field_is_fallback(instance, field):
    """True when the reader sees `field` of `instance` in a fallback language."""
    return bool(field_lang(instance, field))


@register.filter
def bdi(value):
    """The value escaped and isolated in `<bdi>`; nothing for None or ``""``."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


# A run of digits (any script's) with its group and decimal separators (1,234.5, ٣٫٥),
# its sign (-1.00, +2), and ranges, dates, ratios and open-ended bands built of them:
# 15-24, 2026-03-14, 2.4/5, 75+. After Arabic letters the bidi algorithm treats digits
# as Arabic numbers, which a hyphen or a sign no longer joins: "15-24" read "24-15" and
# "+2" read "2+" until isolated whole.
_DIGITS = r"\d+(?:[.,\u066b\u066c\u00a0\u202f]\d+)*"
NUMBER = re.compile(rf"(?:(?<!\w)[+\-\u2212])?{_DIGITS}(?:[-\u2013/]{_DIGITS})*\+?")
# Markup the filter leaves alone: tags, character references and comments.
MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>|&#?\w+;)", re.DOTALL)


@register.filter(is_safe=True)
def isolate_numbers(html):
    """Each number in `html` (escaped first unless it is already safe) wrapped in
    `<bdi>`, except inside tags, character references and existing `<bdi>`."""
    html = str(conditional_escape(html))
    pieces = []
    inside_bdi = 0
    for piece in MARKUP.split(html):
        if MARKUP.fullmatch(piece):
            if re.match(r"<bdi\b", piece, re.IGNORECASE):
                inside_bdi += 1
            elif re.match(r"</bdi\s*>", piece, re.IGNORECASE):
                inside_bdi = max(inside_bdi - 1, 0)
            pieces.append(piece)
        elif inside_bdi:
            pieces.append(piece)
        else:
            pieces.append(NUMBER.sub(r"<bdi>\g<0></bdi>", piece))
    return mark_safe("".join(pieces))  # noqa: S308 - escaped above, only <bdi> added


@register.filter
def in_language(value, content):
    """`value` (resident text, such as a thread's title quoted in a sentence) isolated in
    `<bdi>` with the `lang` and `dir` of `content` (or of a language code)."""
    if value is None or value == "":
        return ""
    return format_html("<bdi {}>{}</bdi>", lang_dir_attributes(language_of(content)), value)


@register.filter
def field_bdi(instance, field):
    """The value of the translated `field` of `instance` (a page title quoted in a
    translated sentence), isolated in `<bdi>` with the fallback language's `lang` and
    `dir` when that is what the reader sees; in the reader's language it reads in the
    page's direction, and is only escaped."""
    if instance is None:
        return ""
    value = getattr(instance, field, "")
    if value is None or value == "":
        return ""
    attributes = field_lang(instance, field)
    if not attributes:
        return conditional_escape(value)
    return format_html("<bdi{}>{}</bdi>", attributes, value)


@register.filter
def fallback_language(instance, field):
    """The language code the reader sees `field` of `instance` in when it is a fallback
    (`"en"`), else `""`: for components that take a `lang` (components/card.html)."""
    if instance is None:
        return ""
    shown = shown_language(instance, field)
    if shown is None or base_language(shown) == base_language(content_language()):
        return ""
    return shown
