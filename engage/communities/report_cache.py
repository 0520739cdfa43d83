"""Cache versions for representation reports.

A report is cached per scope under a key holding two version numbers: the scope's own
(bumped when someone takes part there, or in the area or city it belongs to) and a
global declarations version (bumped when anyone's declarations change, since a person's
declarations count in every scope they took part in). A bump sets a fresh random token,
so all the keys one write touches are bumped in a single cache round trip; the old
entries are orphaned and expire on their own. Bumps run after commit, so a rolled back
write never invalidates anything and a report never caches uncommitted rows; they are
registered with `engage.after_commit.on_commit_safely`, so a cache outage is logged and
never turns the committed write into an error (the cache itself also degrades to a miss:
engage.cache).
"""

import uuid

from django.core.cache import cache

from engage.after_commit import on_commit_safely

from .scopes import AREA, CITY, Scope

PREFIX = "engage:representation"
DECLARATIONS = f"{PREFIX}:declarations-version"


def _version_key(scope):
    return f"{PREFIX}:version:{scope}"


def _bump(*keys):
    """Give each key a new version token (one round trip, whatever the number of keys)."""
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)


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
    on_commit_safely(lambda: _bump(*keys), "representation report cache bump")


def invalidate_declarations_on_commit():
    """After commit, invalidate every cached report (someone's declarations changed)."""
    on_commit_safely(lambda: _bump(DECLARATIONS), "representation report cache bump")
