"""Scopes: where something happened, written `consultation:<id>`, `forum:<id>`,
`session:<id>`, `proposal:<id>`, `area:<code>` or `city`.

The same notation is used by commands (`--scope`), the API (`?scope=`) and partner
data-sharing grants, so it is parsed in one place.
"""

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
