"""The agreed terms as the links and the writing check need them, cached per language
under a version key that every change to the glossary bumps.

The version lives in the shared cache (Redis in production), so every process sees a
bump at once; the lists themselves are cached under `glossary:<what>:<version>:<lang>`
and simply expire. A cache outage is a miss (engage.cache.TolerantRedisCache): the
version is then None and the lists are read from the database.
"""

import uuid

from django.core.cache import cache

VERSION_KEY = "glossary:version"
LIST_SECONDS = 24 * 60 * 60


def version():
    """The current version token (created when missing)."""
    token = cache.get(VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, token, None):
            token = cache.get(VERSION_KEY)
    return token


def bump():
    """Start a new version: every cached list is stale from now on."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _cached(what, language, build):
    token = version()
    if token is None:
        return build()
    key = f"glossary:{what}:{token}:{language or 'all'}"
    found = cache.get(key)
    if found is not None:
        return found
    value = build()
    cache.set(key, value, LIST_SECONDS)
    return value


def linkable_terms(language):
    """[{key, label, forms, definition, language}] of the agreed terms that have
    wording in `language`; `forms` are the label and its other forms."""

    def build():
        from .models import TermStatus, TermTranslation

        result = []
        for item in (
            TermTranslation.objects.filter(language=language, term__status=TermStatus.AGREED)
            .select_related("term")
            .order_by("term__slug")
        ):
            forms = [item.label.strip(), *item.variant_list()]
            result.append(
                {
                    "key": item.term.slug,
                    "label": item.label,
                    "forms": [form for form in dict.fromkeys(forms) if form],
                    "definition": item.definition,
                    "language": item.language,
                }
            )
        return result

    return _cached("links", language, build)


def discouraged_terms(language=None):
    """[{key, term, language, phrase, preferred, reason}] of the agreed terms, in
    `language` or in every language."""

    def build():
        from .models import DiscouragedTerm, TermStatus

        rows = DiscouragedTerm.objects.filter(term__status=TermStatus.AGREED).select_related("term")
        if language:
            rows = rows.filter(language=language)
        return [
            {
                "key": item.term.slug,
                "term": item.term.label(item.language),
                "language": item.language,
                "phrase": item.phrase,
                "preferred": item.preferred,
                "reason": item.reason,
            }
            for item in rows.prefetch_related("term__translations").order_by("language", "phrase")
        ]

    return _cached("discouraged", language, build)
