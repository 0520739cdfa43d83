"""Exchange packages: building and signing them, their CSV form, and reading one that
another city sent (format, version, JSON Schema, signature, each item's kind schema).

A package (docs/exchange.md):

    {"format": "engage-exchange", "version": "1", "package_id": "<uuid>",
     "city": {"name": ..., "id": <base URL>}, "exported_at": <ISO 8601>,
     "licence": "CC-BY-4.0", "provenance": {"generator", "public_key", "options"},
     "kinds": {<code>: {"label", "schema", "items": [...]}},
     "signature": {"algorithm": "Ed25519", "key_fingerprint", "value"}}

The signature is over the canonical JSON (`canonical.py`) of everything but "signature".
"""

import csv
import io
import json
import uuid
import zipfile
from dataclasses import asdict
from functools import cache
from pathlib import Path

import jsonschema
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import signing
from .canonical import canonical_bytes, sha256_hex
from .conf import city as this_city
from .conf import setting
from .registry import ExportOptions, Provenance, get_kind

FORMAT = "engage-exchange"
VERSION = "1"
SUPPORTED_VERSIONS = (VERSION,)
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
GENERATOR = "Engage"

NOT_JSON = _(
    "This file is not an exchange package: it is not valid JSON. Check that you chose the "
    "package's .json file (not its CSV form), and ask the other city to send it again if "
    "it was cut short."
)
NOT_A_PACKAGE = _(
    "This file is not an Engage exchange package (its “format” is not “engage-exchange”). "
    "Check that you chose the right file."
)
UNKNOWN_VERSION = _(
    "This package uses version %(version)s of the exchange format, which this Engage "
    "cannot read (it reads version %(supported)s). Ask %(city)s to export it in version "
    "%(supported)s, or update Engage to a release that reads version %(version)s."
)
INVALID = _(
    "This package does not follow the exchange format: %(problem)s (at %(where)s). Ask "
    "%(city)s to export it again with an up-to-date Engage."
)
WRONG_CITY = _(
    "This package says it comes from %(claimed)s, not from %(city)s. Import it from the "
    "trusted city it names, or add that city first."
)
NO_KEY = _(
    "You have no public key for %(city)s yet, so its packages cannot be checked. Add the "
    "key (or sync its feed once, with the key fingerprint the city gave you) first."
)
BAD_SIGNATURE = _(
    "The signature of this package does not match its content and the key you trust for "
    "%(city)s: it was changed after it was signed, or signed by another key. Do not use "
    "it: ask %(city)s to send it again, and compare key fingerprints with them."
)
BAD_ITEM = _(
    "Item “%(key)s” of kind “%(kind)s” does not follow its schema: %(problem)s. Ask "
    "%(city)s to export it again with an up-to-date Engage."
)


class PackageError(ValidationError):
    """A package that cannot be imported; the message says why and what to do."""


@cache
def envelope_schema(version=VERSION):
    return json.loads((SCHEMA_DIR / f"v{version}.json").read_text(encoding="utf-8"))


def new_package_id():
    return str(uuid.uuid4())


def build_package(codes, options=None, *, private_key=None, exported_at=None, city=None):
    """A signed package of the kinds `codes` (ValidationError for an unknown kind);
    `private_key` and `city` default to this city's (tests play other cities)."""
    options = options or ExportOptions()
    private_key = private_key or signing.city_private_key()
    kinds = {}
    for code in codes:
        kind = get_kind(code)
        if kind is None:
            raise ValidationError(
                _("Nothing can be exported as “%(kind)s”: it is not a known kind."),
                params={"kind": code},
            )
        items = [json.loads(canonical_bytes(item)) for item in kind.export(options)]
        kinds[code] = {"label": str(kind.label), "schema": kind.schema, "items": items}
    document = {
        "format": FORMAT,
        "version": VERSION,
        "package_id": new_package_id(),
        "city": city or this_city(),
        "exported_at": (exported_at or timezone.now()).isoformat(),
        "licence": str(setting("EXCHANGE_LICENCE")),
        "provenance": {
            "generator": GENERATOR,
            "public_key": signing.public_key_text(private_key.public_key()),
            "options": {
                k: list(v) if isinstance(v, tuple) else v for k, v in asdict(options).items()
            },
        },
        "kinds": kinds,
    }
    return {**document, "signature": signing.sign(document, private_key)}


def package_bytes(package):
    """The package as written to a file or served: canonical JSON."""
    return canonical_bytes(package)


def item_count(package):
    return sum(len(entry.get("items", [])) for entry in package.get("kinds", {}).values())


# --- The CSV form ----------------------------------------------------------------------


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(part) for part in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def csv_rows(code, items):
    kind = get_kind(code)
    for item in items:
        rows = kind.csv_rows(item) if kind and kind.csv_rows else [item]
        yield from rows


def csv_archive(package):
    """The CSV form of a package: a ZIP with one `<kind>.csv` per kind (the kind's
    `csv_columns`), `manifest.json` (the envelope, each kind's items replaced by its
    file's name, columns and SHA-256) and `manifest.sig` (the detached Ed25519
    signature of the canonical manifest, base64)."""
    buffer = io.BytesIO()
    manifest = {key: value for key, value in package.items() if key not in ("kinds", "signature")}
    manifest["kinds"] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for code, entry in package["kinds"].items():
            kind = get_kind(code)
            columns = list(kind.csv_columns) if kind and kind.csv_columns else ["key"]
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in csv_rows(code, entry["items"]):
                writer.writerow([_cell(row.get(column)) for column in columns])
            data = text.getvalue().encode("utf-8")
            name = f"{code}.csv"
            archive.writestr(name, data)
            manifest["kinds"][code] = {
                "label": entry.get("label", code),
                "file": name,
                "columns": columns,
                "sha256": sha256_hex(data),
                "items": len(entry["items"]),
            }
        signature = signing.sign(manifest)
        archive.writestr("manifest.json", canonical_bytes(manifest))
        archive.writestr("manifest.sig", signature["value"] + "\n")
    return buffer.getvalue()


# --- Reading a package -----------------------------------------------------------------


def parse(data):
    """The package in `data` (bytes or text) as a dict; PackageError if not JSON."""
    try:
        package = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise PackageError(NOT_JSON, code="not_json") from None
    if not isinstance(package, dict) or package.get("format") != FORMAT:
        raise PackageError(NOT_A_PACKAGE, code="not_a_package")
    return package


def check_version(package):
    """Refuse a version of the format this Engage does not read, before anything else
    (a later version may change everything else)."""
    version = package.get("version")
    if version not in SUPPORTED_VERSIONS:
        claimed = package.get("city") if isinstance(package.get("city"), dict) else {}
        raise PackageError(
            UNKNOWN_VERSION,
            code="unknown_version",
            params={
                "version": str(version),
                "supported": ", ".join(SUPPORTED_VERSIONS),
                "city": str(claimed.get("name") or _("the city that sent it")),
            },
        )


def check_schema(package):
    errors = sorted(
        jsonschema.Draft202012Validator(envelope_schema(package["version"])).iter_errors(package),
        key=lambda error: list(error.absolute_path),
    )
    if errors:
        error = errors[0]
        claimed = package.get("city") if isinstance(package.get("city"), dict) else {}
        raise PackageError(
            INVALID,
            code="invalid",
            params={
                "problem": error.message[:300],
                "where": "/".join(str(part) for part in error.absolute_path) or "/",
                "city": str(claimed.get("name") or _("the city that sent it")),
            },
        )


def verify(package, trusted_city):
    """Check that `package` comes from `trusted_city` and was signed with the key this
    city trusts for it; PackageError otherwise."""
    if package["city"]["id"].rstrip("/") != trusted_city.city_id.rstrip("/"):
        raise PackageError(
            WRONG_CITY,
            code="wrong_city",
            params={"claimed": package["city"]["id"], "city": trusted_city.name},
        )
    if not trusted_city.public_key:
        raise PackageError(NO_KEY, code="no_key", params={"city": trusted_city.name})
    document = {key: value for key, value in package.items() if key != "signature"}
    signature = package["signature"]
    if signature.get("key_fingerprint") != trusted_city.fingerprint or not signing.verify(
        document, signature, trusted_city.public_key
    ):
        raise PackageError(BAD_SIGNATURE, code="bad_signature", params={"city": trusted_city.name})


def check_items(package):
    """Each item of a kind this Engage knows against the LOCAL kind's schema (not the
    schema the package embeds, which its sender wrote)."""
    for code, entry in package["kinds"].items():
        kind = get_kind(code)
        if kind is None:
            continue
        validator = jsonschema.Draft202012Validator(kind.schema)
        for item in entry["items"]:
            error = next(iter(validator.iter_errors(item)), None)
            if error is not None:
                raise PackageError(
                    BAD_ITEM,
                    code="bad_item",
                    params={
                        "key": str(item.get("key"))[:200],
                        "kind": code,
                        "problem": error.message[:300],
                        "city": package["city"]["name"],
                    },
                )


def read_package(data, trusted_city):
    """The verified package in `data`, sent by `trusted_city`; PackageError otherwise."""
    package = parse(data)
    check_version(package)
    check_schema(package)
    verify(package, trusted_city)
    check_items(package)
    return package


def provenance_of(package):
    """The `Provenance` every item of a verified package keeps."""
    return Provenance(
        city=package["city"]["name"],
        city_id=package["city"]["id"],
        package_id=package["package_id"],
        exported_at=package["exported_at"],
        licence=package["licence"],
        key_fingerprint=package["signature"]["key_fingerprint"],
    )
