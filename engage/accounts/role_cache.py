"""What the role predicates read at every request, kept in the shared cache.

Every page that asks "may this reader take part?" needs three answers that change
rarely: the Wagtail view restrictions of the whole site (`rules.hidden_page_paths`),
whether the reader has a verified email address (`rules.is_verified`) and the names of
their groups (`rules.group_names`, for moderators, staff and group restrictions). Read
from the database they cost three queries per request; here they come from the shared
Django cache (Redis in production, so every worker process sees the same entries) in
**one** round trip (`load`), and the database is read only on a miss.

Correctness rests on version tokens, as in `consultations.thread_cache`:

- Each entry is stored as ``(token, value)`` beside a version key; it counts only while
  its token is the current version. A write that changes what it holds gets the version
  a new random value, at once and again after commit (so an entry rebuilt from the old
  rows by another process between the write and the commit is dropped too). Both bumps
  are isolated (`engage.after_commit`): a cache outage never turns a write into an error.
- The restrictions' version is bumped when a `PageViewRestriction` is saved or deleted,
  when its groups change, when a group is renamed or deleted, and when a page moves (its
  path is in the entry). A person's version is bumped when one of their email addresses
  is saved or deleted and when they join or leave a group (from either side, including
  `clear()`), or their group is renamed or deleted.
- Inside a transaction (an atomic block) nothing is read from or written to this cache:
  the transaction may have changed the rows and may still roll back, so it reads the
  database (tests run in one; requests do not, `ATOMIC_REQUESTS` is off).
- Entries also expire after `SECONDS`: the bound on staleness for writes that bypass
  the model signals (a queryset `update()`, raw SQL, a restored backup).
- A person's key holds their `date_joined` as well as their id, so a recreated database
  that gives the same id to someone else never meets the old entry.

Activity (`is_active`) and `is_superuser` are read from the user object as before.
"""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from engage.after_commit import on_commit_safely, run_safely

PREFIX = "accounts:roles"
#: How long an entry may be kept at most (writes that bypass the signals).
SECONDS = 60
VERSION_SECONDS = 24 * 60 * 60
RESTRICTIONS = f"{PREFIX}:restrictions"


def _version_key(key):
    return f"{key}:version"


def person_key(user):
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else ""
    return f"{PREFIX}:person:{user.pk}:{joined}"


def usable():
    """Whether this cache may be used now: not inside a transaction."""
    return not connection.in_atomic_block


def load(user):
    """{"restrictions": ..., "person": ...} from the cache (one round trip), the values
    present and current only; with "tokens": {key: current version token} for `store`.
    Nothing (an empty dict) inside a transaction or when the cache fails."""
    if not usable():
        return {}
    keys = [RESTRICTIONS]
    if user is not None and user.is_authenticated:
        keys.append(person_key(user))
    try:
        found = cache.get_many([*keys, *map(_version_key, keys)])
    except Exception:  # noqa: BLE001 - an outage is a miss
        return {}
    values, tokens = {}, {}
    for key in keys:
        token = found.get(_version_key(key))
        entry = found.get(key)
        if token is None:
            token = _first_token(_version_key(key))
        tokens[key] = token
        if token and isinstance(entry, tuple) and len(entry) == 2 and entry[0] == token:
            values["person" if key != RESTRICTIONS else "restrictions"] = entry[1]
    values["tokens"] = tokens
    return values


def _first_token(version_key):
    """A token for a version key that has none yet; None when the cache fails."""
    token = uuid.uuid4().hex
    try:
        # add(): two first readers agree on one token (the first one stored wins).
        if cache.add(version_key, token, VERSION_SECONDS):
            return token
        return cache.get(version_key)
    except Exception:  # noqa: BLE001 - an outage is a miss
        return None


def store(loaded, key, value):
    """Keep `value` under `key` for the version read by `load` (none: not kept)."""
    token = loaded.get("tokens", {}).get(key)
    if token and usable():
        _safely(lambda: cache.set(key, (token, value), SECONDS))


def _safely(function):
    try:
        return function()
    except Exception:  # noqa: BLE001 - the cache is an optimisation
        return None


def _bump(key):
    cache.set(_version_key(key), uuid.uuid4().hex, VERSION_SECONDS)


def invalidate(key):
    """A new version for `key`, now and again after commit."""
    what = f"role cache bump ({key})"
    run_safely(lambda: _bump(key), what)
    on_commit_safely(lambda: _bump(key), what)


def invalidate_people(user_ids):
    people = get_user_model().objects.filter(pk__in=list(user_ids))
    for person in people.only("pk", "date_joined"):
        invalidate(person_key(person))


# Signals ---------------------------------------------------------------------------


def _restrictions_changed(sender, **kwargs):
    invalidate(RESTRICTIONS)


def _email_changed(sender, instance, **kwargs):
    if instance.user_id:
        invalidate_people([instance.user_id])


def _membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """user.groups.add/remove/clear (instance: a user) or group.user_set… (a group)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        invalidate(person_key(instance))
    elif action == "pre_clear":
        invalidate_people(instance.user_set.values_list("pk", flat=True))
    elif pk_set:
        invalidate_people(pk_set)


def _group_changed(sender, instance, created=False, **kwargs):
    """A group renamed or deleted: its members' group names and the restrictions that
    name it (deleting a group drops its memberships without m2m signals)."""
    if created:
        return
    invalidate(RESTRICTIONS)
    if instance.pk:
        invalidate_people(instance.user_set.values_list("pk", flat=True))


def _page_moved(sender, **kwargs):
    invalidate(RESTRICTIONS)


def connect():
    from allauth.account.models import EmailAddress
    from wagtail.models import PageViewRestriction
    from wagtail.signals import post_page_move

    uid = "engage.accounts.role_cache"
    for signal in (post_save, post_delete):
        signal.connect(
            _restrictions_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}.r{signal}"
        )
        signal.connect(_email_changed, sender=EmailAddress, dispatch_uid=f"{uid}.e{signal}")
    m2m_changed.connect(
        _restrictions_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}.restriction-groups",
    )
    m2m_changed.connect(
        _membership_changed,
        sender=get_user_model().groups.through,
        dispatch_uid=f"{uid}.memberships",
    )
    post_save.connect(_group_changed, sender=Group, dispatch_uid=f"{uid}.group-saved")
    pre_delete.connect(_group_changed, sender=Group, dispatch_uid=f"{uid}.group-deleted")
    post_page_move.connect(_page_moved, dispatch_uid=f"{uid}.page-moved")
