"""The glossary as data: one item per term, the form every format (CSV, SKOS, exchange
packages) is read into and written from, with its JSON Schema; and the import, which
never overwrites a local term.

An item is a term's snapshot (`snapshots.snapshot`) plus its status and, per
translation, the language it was agreed in (`agreed_in`, empty when not agreed).
"""

from dataclasses import dataclass, field

import jsonschema
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import services
from ..models import AuditEntry, Term, TermStatus
from ..services.common import audit
from ..snapshots import changed_languages, language_name, snapshot

_TEXT = {"type": "string"}
ITEM_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Engage glossary term",
    "type": "object",
    "required": ["key", "source_language", "status", "translations"],
    "additionalProperties": False,
    "properties": {
        "key": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 100},
        "source_language": {"type": "string", "maxLength": 8},
        "status": {"enum": list(TermStatus.values)},
        "translations": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["label", "definition"],
                "additionalProperties": False,
                "properties": {
                    "label": {"type": "string", "minLength": 1, "maxLength": 200},
                    "definition": {"type": "string", "minLength": 1},
                    "usage_notes": _TEXT,
                    "variants": {"type": "array", "items": _TEXT},
                    "agreed_in": _TEXT,
                },
            },
        },
        "discouraged": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["language", "phrase", "preferred", "reason"],
                "additionalProperties": False,
                "properties": {
                    "language": _TEXT,
                    "phrase": {"type": "string", "minLength": 1, "maxLength": 200},
                    "preferred": {"type": "string", "minLength": 1, "maxLength": 200},
                    "reason": {"type": "string", "minLength": 1},
                },
            },
        },
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "url"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string", "minLength": 1, "maxLength": 300},
                    "url": {"type": "string", "pattern": "^https?://", "maxLength": 500},
                },
            },
        },
        "related": {"type": "array", "items": _TEXT},
    },
}


def item_of(term):
    """The item of `term` (translations, discouraged terms, sources, related prefetched
    where possible)."""
    data = snapshot(term)
    agreed = {item.language: item.agreed_in for item in term.translations.all()}
    for code, wording in data["translations"].items():
        wording["agreed_in"] = agreed.get(code, "")
    data["status"] = term.status
    return data


def export_items(statuses=None):
    """Items of every term (or of those with `statuses`), by key."""
    terms = Term.objects.with_wording().order_by("slug")
    if statuses:
        terms = terms.filter(status__in=statuses)
    return [item_of(term) for term in terms]


def wording(item):
    """An item without what is not wording (status, agreement), to compare with a term."""
    data = {key: value for key, value in item.items() if key != "status"}
    data["translations"] = {
        code: {key: value for key, value in wording.items() if key != "agreed_in"}
        for code, wording in item.get("translations", {}).items()
    }
    data.setdefault("discouraged", [])
    data.setdefault("sources", [])
    data.setdefault("related", [])
    for code in data["translations"]:
        data["translations"][code].setdefault("usage_notes", "")
        data["translations"][code].setdefault("variants", [])
    data["discouraged"] = sorted(
        data["discouraged"], key=lambda e: (e["language"], e["phrase"], e["preferred"])
    )
    data["sources"] = sorted(data["sources"], key=lambda e: (e["url"], e["title"]))
    data["related"] = sorted(data["related"])
    return data


def check_item(item):
    """Raise ValidationError when `item` does not follow the schema or names a language
    this city does not use."""
    try:
        jsonschema.validate(item, ITEM_SCHEMA)
    except jsonschema.ValidationError as error:
        path = "/".join(str(part) for part in error.absolute_path) or "(item)"
        raise ValidationError(
            _("Term “%(key)s”, %(path)s: %(problem)s")
            % {"key": item.get("key", "?"), "path": path, "problem": error.message}
        ) from error
    languages = {code for code, _name in settings.LANGUAGES}
    used = {item["source_language"], *item["translations"]}
    used |= {entry["language"] for entry in item.get("discouraged", [])}
    unknown = sorted(used - languages)
    if unknown:
        raise ValidationError(
            _(
                "Term “%(key)s” is in languages this site does not use (%(codes)s): "
                "remove them from the file or add the languages to the site first."
            )
            % {"key": item["key"], "codes": ", ".join(unknown)}
        )


def conflict_message(term, item):
    """Why `item` cannot be imported over the local `term`, and what to do."""
    languages = changed_languages(snapshot(term), wording(item))
    where = ", ".join(language_name(code) for code in languages) or _("sources or related terms")
    return _(
        "“%(key)s” already exists here with different wording (%(where)s). Nothing was "
        "changed: compare the two, then edit the local term in the admin, or delete it "
        "and import again to take the file's wording."
    ) % {"key": item["key"], "where": where}


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)  # (key, message)
    errors: list = field(default_factory=list)  # messages
    missing_related: list = field(default_factory=list)  # (key, [missing keys])

    @property
    def ok(self):
        return not self.conflicts and not self.errors


@transaction.atomic
def import_items(items, *, by=None, keep_status=False, origin=None):
    """Create the terms of `items` that do not exist here. A term whose key exists is
    left alone: identical wording is reported as unchanged, different wording as a
    conflict that says what to do. Invalid items are reported and skipped.

    Imported terms start as proposed (the partners here have not agreed them) unless
    `keep_status` (a city restoring its own glossary keeps statuses and agreement)."""
    report = ImportReport()
    created = []
    for item in items:
        try:
            check_item(item)
        except ValidationError as error:
            report.errors.extend(error.messages)
            continue
        local = Term.objects.filter(slug=item["key"]).first()
        if local is not None:
            if wording(item) == snapshot(local):
                report.unchanged.append(item["key"])
            else:
                report.conflicts.append((item["key"], conflict_message(local, item)))
            continue
        data = {key: value for key, value in item.items() if key != "related"}
        term = services.create_term(
            data,
            by=by,
            status=item["status"],
            origin=origin or {},
            keep_agreement=keep_status,
        )
        created.append((term, item.get("related", [])))
        report.created.append(item["key"])
    for term, related in created:
        missing = services.link_related(term, related, by=by) if related else []
        if missing:
            report.missing_related.append((term.slug, missing))
    if report.created:
        audit(None, AuditEntry.Action.IMPORTED, user=by, key="*", created=report.created)
    return report
