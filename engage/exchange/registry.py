"""What an exchange package may hold: the kind registry.

A shared app never imports a feature app, so the items a city shares come through
kinds that their owners register in `AppConfig.ready()`:

    register_kind(ExchangeKind(code="glossary", label=_("Glossary"), schema={...},
                               export=..., describe=..., find_local=..., apply=...))

- `export(options)` yields the items to share, each a JSON-ready dict with a stable
  `"key"` (unique within the kind at the exporting city: a slug, never a database id)
  and nothing personal: aggregates are suppressed exactly as they are on screen.
- `schema` is the JSON Schema of one item; packages embed every kind's schema.
- `describe(item)` is one line for the import review list.
- `find_local(item)` is the local object the item would collide with, or None.
- `apply(item, provenance)` creates the item locally once staff accept it on review,
  keeping its origin (`provenance`); it never overwrites a local object silently: on a
  collision it raises `django.core.exceptions.ValidationError` saying what to do.
- `csv_columns` name the flat columns of the CSV form (empty: JSON only).

Optional, added by the exchange app itself:

- `csv_rows(item)` yields the CSV rows of one item (dicts keyed by `csv_columns`), for
  nested items such as aggregates; by default an item is one row.
- `replace(item, provenance, local)` applies the item over the local object it collides
  with; only called when staff explicitly choose "accept and replace" on review. A kind
  without it cannot replace: staff resolve the collision themselves.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Provenance:
    """Where an imported item came from."""

    city: str  # the exporting city's name
    city_id: str  # its stable identifier (the base URL of its instance)
    package_id: str
    exported_at: str  # ISO 8601
    licence: str
    key_fingerprint: str  # of the Ed25519 public key that verified the package


@dataclass(frozen=True)
class ExportOptions:
    """What to put in a package (periods and scopes for aggregates; empty = all)."""

    since: str = ""
    until: str = ""
    scopes: tuple = ()
    language: str = ""


@dataclass(frozen=True)
class ExchangeKind:
    code: str
    label: str
    schema: dict
    export: Callable[[ExportOptions], Iterable[dict]]
    describe: Callable[[dict], str]
    find_local: Callable[[dict], object]
    apply: Callable[[dict, Provenance], object]
    csv_columns: tuple = field(default_factory=tuple)
    csv_rows: Callable[[dict], Iterable[dict]] | None = None
    replace: Callable[[dict, Provenance, object], object] | None = None
    # False: never in the public feed (/exchange/feed.json) nor served at a public package
    # URL; such a kind reaches a trusted city only as a file staff export and send.
    public_feed: bool = True


_KINDS: dict[str, ExchangeKind] = {}


def register_kind(kind):
    """Register (or replace, so `ready()` may run twice in tests) an exchange kind."""
    _KINDS[kind.code] = kind


def get_kind(code):
    """The registered kind `code`; None when nothing registered it."""
    return _KINDS.get(code)


def unregister_kind(code):
    """Forget kind `code` (tests that register a fake kind clean up with it)."""
    _KINDS.pop(code, None)


def kinds():
    """Every registered kind, by code."""
    return [_KINDS[code] for code in sorted(_KINDS)]
