"""A term's whole wording as JSON (what a revision records and what is exported), its
readable lines, and the difference between two revisions (difflib)."""

import difflib

from django.conf import settings
from django.utils.translation import gettext as _


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


def snapshot(term):
    """The wording of `term`: translations by language, discouraged terms, sources,
    related terms (by key). Statuses and dates are not wording and are left out."""
    translations = sorted(term.translations.all(), key=lambda item: item.language)
    discouraged = sorted(
        term.discouraged.all(), key=lambda item: (item.language, item.phrase, item.preferred)
    )
    return {
        "key": term.slug,
        "source_language": term.source_language,
        "translations": {
            item.language: {
                "label": item.label.strip(),
                "definition": item.definition.strip(),
                "usage_notes": item.usage_notes.strip(),
                "variants": item.variant_list(),
            }
            for item in translations
        },
        "discouraged": [
            {
                "language": item.language,
                "phrase": item.phrase.strip(),
                "preferred": item.preferred.strip(),
                "reason": item.reason.strip(),
            }
            for item in discouraged
        ],
        "sources": [
            {"title": item.title.strip(), "url": item.url.strip()}
            for item in sorted(term.sources.all(), key=lambda item: (item.url, item.title))
        ],
        "related": sorted(item.slug for item in term.related_terms.all()),
    }


def wording_of(data, language):
    """The part of a snapshot that is in `language` (to tell which languages changed)."""
    return {
        "translation": data.get("translations", {}).get(language),
        "discouraged": [
            item for item in data.get("discouraged", []) if item["language"] == language
        ],
    }


def changed_languages(before, after):
    """Languages whose wording differs between two snapshots."""
    languages = set(before.get("translations", {})) | set(after.get("translations", {}))
    languages |= {item["language"] for item in before.get("discouraged", [])}
    languages |= {item["language"] for item in after.get("discouraged", [])}
    return sorted(code for code in languages if wording_of(before, code) != wording_of(after, code))


def lines(data):
    """A snapshot as readable lines, one fact a line, in a stable order."""
    if not data:
        return []
    result = []
    for code, item in sorted(data.get("translations", {}).items()):
        name = language_name(code)
        result.append(
            _("Term (%(language)s): %(text)s") % {"language": name, "text": item["label"]}
        )
        result.append(
            _("Definition (%(language)s): %(text)s")
            % {"language": name, "text": item["definition"]}
        )
        if item.get("usage_notes"):
            result.append(
                _("Usage notes (%(language)s): %(text)s")
                % {"language": name, "text": item["usage_notes"]}
            )
        for variant in item.get("variants", []):
            result.append(
                _("Other form (%(language)s): %(text)s") % {"language": name, "text": variant}
            )
    for item in data.get("discouraged", []):
        result.append(
            _("Discouraged (%(language)s): “%(phrase)s” → “%(preferred)s”, because %(reason)s")
            % {
                "language": language_name(item["language"]),
                "phrase": item["phrase"],
                "preferred": item["preferred"],
                "reason": item["reason"],
            }
        )
    for item in data.get("sources", []):
        result.append(_("Source: %(title)s <%(url)s>") % item)
    for key in data.get("related", []):
        result.append(_("Related term: %(key)s") % {"key": key})
    return result


def diff(before, after):
    """The difference between two snapshots as a list of (kind, line), kind being
    "added", "removed" or "same"; unchanged lines are kept for context."""
    changes = []
    for line in difflib.ndiff(lines(before), lines(after)):
        marker, text = line[:2], line[2:]
        if marker == "+ ":
            changes.append(("added", text))
        elif marker == "- ":
            changes.append(("removed", text))
        elif marker == "  ":
            changes.append(("same", text))
    return changes
