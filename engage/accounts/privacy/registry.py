"""The registry that feature apps fill with their personal data (see the package doc).

A section is what one app holds about a person:

    registry.register_section(
        "comments", _("Comments"),
        tables=[registry.Table("comments", lambda user: Comment.objects.filter(author=user),
                               exclude=["search_vector"])],
        erase=erase_comments,          # erase(user, keep_content)
    )

`tables` dump every concrete field of the person's rows (foreign keys as ids) except
`exclude`; `export` (a callable returning JSON-able data) adds what does not fit a
table. `erase(user, keep_content)` runs inside the deletion's transaction; it must
delete or anonymise the app's rows about the person, and keep what was written only
when `keep_content` is true. Rows that point at the account and are not erased keep
pointing at the emptied account, which reads "former participant".
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models


@dataclass(frozen=True)
class Table:
    """Rows of one model about a person, for the download."""

    name: str
    rows: Callable  # rows(user) -> QuerySet
    exclude: tuple = ()
    fields: tuple = ()  # when set, only these fields

    def count(self, user):
        return self.rows(user).count()

    def dump(self, user):
        queryset = self.rows(user).order_by("pk")
        model = queryset.model
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name not in self.exclude
            and f.attname not in self.exclude
            and (not self.fields or f.name in self.fields)
        ]
        return [
            {name: plain(value) for name, value in zip(names, row, strict=True)}
            for row in queryset.values_list(*names)
        ]


def plain(value):
    """A JSON-friendly form of a field value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None  # binary state (e.g. CRDT documents): the text is exported elsewhere
    return value


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    tables: tuple = ()
    export: Callable | None = None
    erase: Callable | None = None
    order: int = 100
    covers: tuple = ()  # models that `export` dumps (tables name theirs themselves)

    def models(self, user):
        """Every model this section puts in the download."""
        return {table.rows(user).model for table in self.tables} | set(self.covers)

    def count(self, user):
        return sum(table.count(user) for table in self.tables)

    def dump(self, user):
        data = {table.name: table.dump(user) for table in self.tables}
        if self.export is not None:
            data.update(self.export(user))
        return data


@dataclass(frozen=True)
class Retention:
    """A retention rule: rows of `model` older than settings.RETENTION_DAYS[key] days
    (or the setting named `setting`) are handled by `apply(cutoff)` (delete or
    anonymise), which returns how many."""

    key: str
    label: str
    model: type[models.Model]
    holds: str
    lawful_basis: str
    apply: Callable = field(compare=False)
    setting: str = ""
    action: str = "delete"

    @property
    def setting_name(self):
        return self.setting or f"RETENTION_DAYS[{self.key!r}]"


_sections: dict[str, Section] = {}
_retention: dict[str, Retention] = {}


def register_section(key, label, *, tables=(), export=None, erase=None, order=100, covers=()):
    """Register (or replace) the section `key`; see the module doc. `covers` names the
    models that `export` dumps."""
    _sections[key] = Section(key, label, tuple(tables), export, erase, order, tuple(covers))


def sections():
    """Every registered section, in order."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def register_retention(
    key, label, model, *, holds, lawful_basis, apply, setting="", action="delete"
):
    """Register the retention rule `key`. Its period is settings.RETENTION_DAYS[key],
    or the integer setting named `setting` where an app already had one. `action` says
    what happens to older rows: "delete" or "anonymise"."""
    _retention[key] = Retention(key, label, model, holds, lawful_basis, apply, setting, action)


def retention_rules():
    return sorted(_retention.values(), key=lambda rule: rule.key)
