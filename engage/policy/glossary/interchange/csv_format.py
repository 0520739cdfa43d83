"""The glossary as CSV: one row per term and language.

Columns (UTF-8, header row): key, status, source_language, language, label,
definition, usage_notes, variants (one per line in the cell), agreed_in,
discouraged (JSON list of {phrase, preferred, reason} in this row's language),
sources and related (term-wide: JSON list of {title, url}, and keys separated by
spaces; the same on every row of a term). A term with discouraged terms in a language
it has no wording in gets a row for that language with an empty label.
"""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

COLUMNS = (
    "key",
    "status",
    "source_language",
    "language",
    "label",
    "definition",
    "usage_notes",
    "variants",
    "agreed_in",
    "discouraged",
    "sources",
    "related",
)


def rows_of(item):
    languages = sorted(
        set(item["translations"]) | {entry["language"] for entry in item.get("discouraged", [])}
    )
    for code in languages:
        wording = item["translations"].get(code, {})
        yield {
            "key": item["key"],
            "status": item["status"],
            "source_language": item["source_language"],
            "language": code,
            "label": wording.get("label", ""),
            "definition": wording.get("definition", ""),
            "usage_notes": wording.get("usage_notes", ""),
            "variants": "\n".join(wording.get("variants", [])),
            "agreed_in": wording.get("agreed_in", ""),
            "discouraged": json.dumps(
                [
                    {key: entry[key] for key in ("phrase", "preferred", "reason")}
                    for entry in item.get("discouraged", [])
                    if entry["language"] == code
                ],
                ensure_ascii=False,
            ),
            "sources": json.dumps(item.get("sources", []), ensure_ascii=False),
            "related": " ".join(item.get("related", [])),
        }


def to_csv(items):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerows(rows_of(item))
    return out.getvalue()


def _json_cell(row, column, number):
    try:
        value = json.loads(row.get(column) or "[]")
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("Row %(row)s: the “%(column)s” column is not valid JSON (%(problem)s).")
            % {"row": number, "column": column, "problem": error.msg}
        ) from error
    if not isinstance(value, list):
        raise ValidationError(
            _("Row %(row)s: the “%(column)s” column must be a JSON list.")
            % {"row": number, "column": column}
        )
    return value


def from_csv(text):
    """Items from CSV text; raises ValidationError naming the row for a malformed file."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [
        column
        for column in ("key", "language", "label", "definition")
        if column not in (reader.fieldnames or [])
    ]
    if missing:
        raise ValidationError(
            _(
                "The CSV file has no column %(columns)s: export the glossary once to see the expected columns."
            )
            % {"columns": ", ".join(missing)}
        )
    items = {}
    for number, row in enumerate(reader, start=2):
        key = (row.get("key") or "").strip()
        code = (row.get("language") or "").strip()
        if not key or not code:
            raise ValidationError(
                _("Row %(row)s: every row needs a key and a language.") % {"row": number}
            )
        item = items.setdefault(
            key,
            {
                "key": key,
                "status": (row.get("status") or "proposed").strip(),
                "source_language": (row.get("source_language") or "en").strip(),
                "translations": {},
                "discouraged": [],
                "sources": _json_cell(row, "sources", number),
                "related": (row.get("related") or "").split(),
            },
        )
        if (row.get("label") or "").strip():
            item["translations"][code] = {
                "label": row["label"].strip(),
                "definition": (row.get("definition") or "").strip(),
                "usage_notes": (row.get("usage_notes") or "").strip(),
                "variants": [
                    line.strip()
                    for line in (row.get("variants") or "").splitlines()
                    if line.strip()
                ],
                "agreed_in": (row.get("agreed_in") or "").strip(),
            }
        for entry in _json_cell(row, "discouraged", number):
            if not isinstance(entry, dict):
                raise ValidationError(
                    _("Row %(row)s: each discouraged term must be an object.") % {"row": number}
                )
            item["discouraged"].append({"language": code, **entry})
    return list(items.values())
