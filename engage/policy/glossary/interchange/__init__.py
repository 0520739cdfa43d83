"""Import and export of the glossary: CSV (`csv_format`), SKOS in Turtle or JSON-LD
(`skos`), and the "glossary" kind of exchange packages (`exchange`), all through the
items of `items`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import csv_format, skos
from .items import export_items, import_items  # noqa: F401

FORMATS = ("csv", "ttl", "jsonld")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
}


def export_text(fmt, statuses=None):
    items = export_items(statuses)
    if fmt == "csv":
        return csv_format.to_csv(items)
    if fmt in skos.FORMATS:
        return skos.serialise(items, fmt)
    raise ValueError(fmt)


def format_of(filename):
    """The format of a file by its name (.csv, .ttl, .jsonld or .json)."""
    name = (filename or "").lower()
    for suffix, fmt in (
        (".csv", "csv"),
        (".ttl", "ttl"),
        (".jsonld", "jsonld"),
        (".json", "jsonld"),
    ):
        if name.endswith(suffix):
            return fmt
    raise ValidationError(
        _("Choose a .csv, .ttl (Turtle) or .jsonld (JSON-LD) file exported from a glossary.")
    )


def read_items(text, fmt):
    """Items from the text of a file in `fmt`; ValidationError when it cannot be read."""
    if fmt == "csv":
        return csv_format.from_csv(text)
    return skos.parse(text, fmt)
