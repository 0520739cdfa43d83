"""Scopes: where something happened, written `consultation:<id>`, `forum:<id>`,
`session:<id>`, `proposal:<id>`, `area:<code>` or `city`.

The same notation is used by commands (`--scope`), the API (`?scope=`) and partner
data-sharing grants, so it is parsed in one place.

What a recorded scope *is* belongs to the feature app that owns it: each app registers,
in its `AppConfig.ready()`, a `ScopeKind` saying how `<kind>:<id>` resolves to its object,
title, area and URL (`register_scope_kind`). The shared code (representation reports,
tokenism checks, alerts, PDFs) asks this registry and never imports a feature app.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ScopeType

AREA = "area"
CITY = "city"
KINDS = [choice.value for choice in ScopeType] + [AREA, CITY]


@dataclass(frozen=True)
class Scope:
    """A place participation can be reported for."""

    kind: str
    key: str = ""

    @classmethod
    def parse(cls, text):
        """Read `kind:key` (or `city`); raise ValidationError with a helpful message."""
        text = (text or "").strip()
        kind, _sep, key = text.partition(":")
        if kind == CITY and not key:
            return cls(CITY)
        if kind not in KINDS or kind == CITY or not key:
            raise ValidationError(
                _(
                    "“%(scope)s” is not a scope. Write consultation:<id>, proposal:<id>, "
                    "forum:<id>, session:<id>, area:<code> or city."
                ),
                code="invalid_scope",
                params={"scope": text},
            )
        if kind != AREA and not key.isdigit():
            raise ValidationError(
                _("The id in “%(scope)s” must be a number."),
                code="invalid_scope",
                params={"scope": text},
            )
        return cls(kind, key)

    @classmethod
    def of(cls, kind, key):
        return cls(str(kind), str(key))

    def __str__(self):
        return self.kind if self.kind == CITY else f"{self.kind}:{self.key}"

    @property
    def is_recorded(self):
        """True for scopes the ledger stores rows for; area and city are aggregates."""
        return self.kind in ScopeType.values

    def filter_participation(self, queryset):
        if self.kind == CITY:
            return queryset
        if self.kind == AREA:
            return queryset.filter(area__code=self.key)
        return queryset.filter(scope_type=self.kind, scope_id=self.key)


# --- The registry of scope kinds ------------------------------------------------------


def _none(*args):
    return None


def _nothing(*args):
    return []


@dataclass(frozen=True)
class ScopeKind:
    """How one kind of recorded scope resolves, registered by the app that owns it.

    - `get(key)`: the object, or None when there is none with that id;
    - `title(obj)`, `url(obj)`, `area(obj)`: its title, public URL and `Area` (or None);
    - `within(scope)`: keys of the ones framed within another scope (the co-design
      sessions of a consultation);
    - `started_between(start, end)`: keys of the ones that took place in that time;
    - `open_since(opened_before, now)`: objects open since before `opened_before`, not
      yet closed at `now`;
    - `choices()`: (key, title) of every one, newest first, for pickers;
    - `excluded_categories(obj)`: ids of the community groups it is not for (an adult
      consultation leaves out children), which representation reports leave out.
    """

    kind: str
    get: Callable
    title: Callable = str
    url: Callable = _none
    area: Callable = _none
    within: Callable = _nothing
    started_between: Callable = _nothing
    open_since: Callable = _nothing
    choices: Callable = _nothing
    excluded_categories: Callable = _nothing


_KINDS = {}


def register_scope_kind(scope_kind):
    """Register (or replace, on reload) how `scope_kind.kind` resolves."""
    _KINDS[scope_kind.kind] = scope_kind
    return scope_kind


def scope_kind(kind):
    """The registered `ScopeKind` for `kind`, or None when no app registered it."""
    return _KINDS.get(str(kind))


def scope_object(scope):
    """The object a recorded scope names, or None (unknown id, or no app registered
    its kind)."""
    registered = scope_kind(scope.kind)
    return registered.get(scope.key) if registered else None


def scope_title(scope):
    """The title of the scope's object, or None when it cannot be resolved."""
    registered = scope_kind(scope.kind)
    obj = registered.get(scope.key) if registered else None
    return None if obj is None else str(registered.title(obj))


def scope_parts(scope):
    """The scopes framed within `scope` (e.g. a consultation's co-design sessions)."""
    return [
        Scope.of(registered.kind, key)
        for registered in _KINDS.values()
        for key in registered.within(scope)
    ]


def started_between(kind, start, end):
    """Keys (text) of the `kind` scopes that took place between `start` and `end`."""
    registered = scope_kind(kind)
    return [str(key) for key in registered.started_between(start, end)] if registered else []


def open_since(kind, opened_before, now):
    """Objects of `kind` open since before `opened_before` and not closed at `now`."""
    registered = scope_kind(kind)
    return registered.open_since(opened_before, now) if registered else []


def scope_choices(kind):
    """[(key, title)] of every `kind` scope, newest first."""
    registered = scope_kind(kind)
    return list(registered.choices()) if registered else []


def scope_exclusions(scope):
    """Ids of the community groups the scope's object is not for (see ScopeKind)."""
    registered = scope_kind(scope.kind)
    obj = registered.get(scope.key) if registered else None
    return set() if obj is None else set(registered.excluded_categories(obj))
