"""Cache versions for representation reports.

A report is cached per scope under a key holding two version numbers: the scope's own
(bumped when someone takes part there, or in the area or city it belongs to) and a
global declarations version (bumped when anyone's declarations change, since a person's
declarations count in every scope they took part in). Bumping a version orphans the old
entries, which expire on their own. Bumps run from `transaction.on_commit`, so a rolled
back write never invalidates anything and a report never caches uncommitted rows.
"""

from django.core.cache import cache
from django.db import transaction

from .scopes import AREA, CITY, Scope

PREFIX = "engage:representation"
DECLARATIONS = f"{PREFIX}:declarations-version"


def _version_key(scope):
    return f"{PREFIX}:version:{scope}"


def _bump(key):
    # incr is atomic on Redis; add() first because incr fails on a missing key.
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)


def version(scope):
    """The (scope version, declarations version) pair a cached report is valid for."""
    values = cache.get_many([_version_key(scope), DECLARATIONS])
    return values.get(_version_key(scope), 0), values.get(DECLARATIONS, 0)


def scopes_touched(scopes, area=None):
    """The scopes whose reports change when someone takes part in `scopes`: each of
    them, the city, and the area they were recorded in."""
    touched = {*scopes, Scope(CITY)}
    if area is not None:
        touched.add(Scope(AREA, area.code))
    return touched


def invalidate_on_commit(scopes, area=None):
    """After commit, invalidate the cached reports of `scopes` (see `scopes_touched`)."""
    keys = [_version_key(scope) for scope in scopes_touched(scopes, area)]
    transaction.on_commit(lambda: [_bump(key) for key in keys])


def invalidate_declarations_on_commit():
    """After commit, invalidate every cached report (someone's declarations changed)."""
    transaction.on_commit(lambda: _bump(DECLARATIONS))
