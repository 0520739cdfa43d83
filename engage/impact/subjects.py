"""What an impact assessment is about: the subject registry.

A shared app never imports a feature app, so what an assessment needs from a
consultation (its title, address, policy area, area, the groups it directly affects and
its wider audience, the community leaders who co-sign, the residents' perceived impact)
comes through a provider the feature registers in its `AppConfig.ready()`:

    register_subject_kind("consultation", provider)
    provider(key) -> Subject | None      # key is the text after "consultation:"

An assessment with a blank `subject_scope` is a standalone assessment of a policy
decision without a consultation: its title and policy area say what it assesses, staff
mark the directly affected and wider-audience groups on its rows and choose its leaders.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_PROVIDERS: dict[str, Callable] = {}


def _no_perceived(dimension):
    return {}


@dataclass(frozen=True)
class Subject:
    """A consultation (or other subject) as an impact assessment sees it."""

    scope: str
    title: str
    # {language code: title} where the subject has one (its title in other languages).
    titles: dict = field(default_factory=dict)
    url: str = ""
    policy_area_slug: str = ""
    area_code: str = ""
    affected_group_ids: frozenset = field(default_factory=frozenset)
    wider_group_ids: frozenset = field(default_factory=frozenset)
    leader_user_ids: tuple = ()
    # callable(dimension) -> {category_id: PerceivedCell} (see
    # consultations/engagement/perceived_impact.py); empty when nothing is published.
    perceived_impact: Callable = _no_perceived


def register_subject_kind(kind, provider):
    """Register (or replace, for tests) the provider of `kind:<key>` subjects."""
    _PROVIDERS[kind] = provider


def subject_kinds():
    return sorted(_PROVIDERS)


def resolve_subject(scope):
    """The `Subject` of a scope text such as "consultation:12"; None for a blank scope,
    an unknown kind or a key the provider does not find."""
    kind, _sep, key = (scope or "").partition(":")
    provider = _PROVIDERS.get(kind)
    if provider is None or not key:
        return None
    return provider(key)
