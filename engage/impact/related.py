"""What belongs to a policy area: the related-items registry.

A policy area (`engage.policy.models.PolicyArea`) lists its consultations, co-design
sessions, forums, opinion maps and alerts. A shared app never imports a feature app, so
each app that knows such a link registers a provider in its `AppConfig.ready()`:

    register_related(kind, label, provider)
    provider(policy_area) -> [RelatedItem, …]

and an app whose items hang off another item's scope (an opinion map belongs to
`consultation:<id>`) registers with `by_scope=True`:

    provider(policy_area, scopes) -> [RelatedItem, …]

`scopes` are the `scope`s of the items the direct providers found. Each provider runs
a constant number of queries, so a policy area's page does not grow with its items.
A kind nobody registered is simply absent: nothing is guessed.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedItem:
    """One thing related to a policy area: its title, address, status and date (a
    date or datetime, shown as a date), and its scope (`consultation:12`) if it has
    one, so that by-scope providers can find what hangs off it."""

    title: str
    url: str = ""
    status: str = ""
    date: datetime.date | None = None
    scope: str = ""


@dataclass(frozen=True)
class Provider:
    kind: str
    label: str
    provider: Callable
    by_scope: bool = False
    order: int = 100


@dataclass(frozen=True)
class RelatedGroup:
    kind: str
    label: str
    items: list


_PROVIDERS: dict[str, Provider] = {}


def register_related(kind, label, provider, *, by_scope=False, order=100):
    """Register (or replace, for tests) the provider of `kind` items; `label` is the
    translatable heading; `order` sorts the kinds on the page (lower first)."""
    _PROVIDERS[kind] = Provider(kind, label, provider, by_scope, order)


def unregister_related(kind):
    _PROVIDERS.pop(kind, None)


def related_kinds():
    return [p.kind for p in sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.kind))]


def related_items(policy_area):
    """`[RelatedGroup]` of every registered kind, in order (a kind without items has an
    empty list). Direct providers run first, then by-scope providers with the scopes
    the direct ones found."""
    providers = sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.kind))
    found = {}
    for entry in providers:
        if not entry.by_scope:
            found[entry.kind] = list(entry.provider(policy_area))
    scopes = frozenset(item.scope for items in found.values() for item in items if item.scope)
    for entry in providers:
        if entry.by_scope:
            found[entry.kind] = list(entry.provider(policy_area, scopes))
    return [RelatedGroup(p.kind, p.label, found[p.kind]) for p in providers]
