"""Cache versions of the text-signal aggregates, as for representation reports
(`engage.communities.report_cache`).

Aggregates are cached per scope under a key holding the scope's version token; a write
to a `TextAnalysis` row bumps the version of every scope the row is in (and the city)
after commit, in one cache round trip. Old entries are orphaned and expire on their own.
Bumps go through `on_commit_safely`: a cache outage is logged, never an error.
"""

import uuid

from django.core.cache import cache

from engage.after_commit import on_commit_safely

PREFIX = "engage:insights"
CITY = "city"
# Scope kind -> TextAnalysis column.
SCOPE_COLUMNS = {
    "consultation": "consultation",
    "proposal": "proposal",
    "forum": "forum",
    "session": "session",
    "area": "area",
    "policy_area": "policy_area",
}


def _version_key(scope):
    return f"{PREFIX}:version:{scope}"


def scopes_of(values):
    """The scope texts a row with these column values counts in (always the city)."""
    scopes = {CITY}
    for kind, column in SCOPE_COLUMNS.items():
        value = values.get(column)
        if value not in (None, ""):
            scopes.add(f"{kind}:{value}")
    return scopes


def version(scope):
    """The version token cached aggregates of `scope` are valid for."""
    return cache.get(_version_key(scope), 0)


def bump(scopes):
    """Give each scope a new version token (one round trip)."""
    cache.set_many({_version_key(scope): uuid.uuid4().hex for scope in scopes}, timeout=None)


def invalidate_on_commit(scopes):
    """After commit, invalidate the cached aggregates of `scopes`."""
    scopes = sorted(set(scopes))
    if scopes:
        on_commit_safely(lambda: bump(scopes), "text signals cache bump")
