"""The live document in PostgreSQL: loading it, logging updates, compacting the log.

Loading a document = the compacted state (`Brief.ydoc_state`) + the log (`BriefUpdate`)
in order. Every update applied anywhere (an editor's, through a room; the server's,
through `services.apply_server_change`) is logged here first, and each person's
characters are credited to their `Contribution` row in the same transaction, with the
participation ledger on their first contribution.

Rooms (`rooms/`) save through this module, and services use it too; it imports neither,
so neither depends on the other for storage.
"""

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation

from . import ydoc
from .models import Brief, BriefUpdate, Contribution


def load_document(brief_id):
    """(Doc, id of the last logged update): the compacted state plus the log after it."""
    brief = Brief.objects.only("ydoc_state", "compacted_through").get(pk=brief_id)
    rows = list(
        BriefUpdate.objects.filter(brief_id=brief_id, pk__gt=brief.compacted_through)
        .order_by("pk")
        .values_list("pk", "data")
    )
    doc = ydoc.new_doc(brief.ydoc_state, [data for _pk, data in rows])
    last = rows[-1][0] if rows else brief.compacted_through
    return doc, last


def _lock_for_writing(brief_id):
    """Hold the brief row (FOR NO KEY UPDATE) until the log write commits.

    `compact` locks the same row FOR UPDATE, so it waits for writers in flight and never
    reads the log while a row with a lower id is still uncommitted (and would be skipped).
    """
    list(Brief.objects.select_for_update(no_key=True).filter(pk=brief_id).values_list("pk"))


def record_update(brief_id, user, data, chars_added=0, chars_removed=0):
    """Log one update the server applied, and credit its characters to `user`.

    Returns the new log row's id. Two statements on the hot path (the log row, and an
    upsert of the person's Contribution); the first contribution also goes in the
    participation ledger (`Action.CONTRIBUTED` in the session's scope).
    """
    now = timezone.now()
    with transaction.atomic():
        _lock_for_writing(brief_id)
        row = BriefUpdate.objects.create(
            brief_id=brief_id,
            author=user,
            data=bytes(data),
            chars_added=chars_added,
            chars_removed=chars_removed,
            created_at=now,
        )
        if user is not None and (chars_added or chars_removed):
            if _upsert_contribution(brief_id, user.pk, now, chars_added, chars_removed):
                session_id = Brief.objects.values_list("session_id", flat=True).get(pk=brief_id)
                record_participation(user, Action.CONTRIBUTED, Scope.of("session", session_id))
    return row.pk


def record_updates(brief_id, batch):
    """Log a room's applied updates in order: `batch` is [(person, update, added, removed)].

    One INSERT for the log rows and one upsert per person, in one transaction.
    """
    now = timezone.now()
    with transaction.atomic():
        _lock_for_writing(brief_id)
        BriefUpdate.objects.bulk_create(
            [
                BriefUpdate(
                    brief_id=brief_id,
                    author=user,
                    data=update,
                    chars_added=added,
                    chars_removed=removed,
                    created_at=now,
                )
                for user, update, added, removed in batch
            ]
        )
        totals = {}
        for user, _update, added, removed in batch:
            if user is not None and (added or removed):
                person, sum_added, sum_removed, count = totals.get(user.pk, (user, 0, 0, 0))
                totals[user.pk] = (person, sum_added + added, sum_removed + removed, count + 1)
        for user, added, removed, count in totals.values():
            if _upsert_contribution(brief_id, user.pk, now, added, removed, count):
                session_id = Brief.objects.values_list("session_id", flat=True).get(pk=brief_id)
                record_participation(user, Action.CONTRIBUTED, Scope.of("session", session_id))


def _upsert_contribution(brief_id, user_id, now, chars_added, chars_removed, count=1):
    """Add characters to the person's row in one statement; True when it was created."""
    table = Contribution._meta.db_table
    if connection.vendor != "postgresql":
        contribution, created = Contribution.objects.get_or_create(
            brief_id=brief_id, user_id=user_id, defaults={"last_at": now}
        )
        Contribution.objects.filter(pk=contribution.pk).update(
            chars_added=F("chars_added") + chars_added,
            chars_removed=F("chars_removed") + chars_removed,
            updates=F("updates") + count,
            last_at=now,
        )
        return created
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} AS c (brief_id, user_id, chars_added, chars_removed, updates,
                suggestions_made, suggestions_accepted, comments, last_at)
            VALUES (%s, %s, %s, %s, %s, 0, 0, 0, %s)
            ON CONFLICT (brief_id, user_id) DO UPDATE SET
                chars_added = c.chars_added + EXCLUDED.chars_added,
                chars_removed = c.chars_removed + EXCLUDED.chars_removed,
                updates = c.updates + EXCLUDED.updates,
                last_at = EXCLUDED.last_at
            RETURNING (xmax = 0)
            """,  # noqa: S608 - the table name is ours, values are parameters
            [brief_id, user_id, chars_added, chars_removed, count, now],
        )
        return bool(cursor.fetchone()[0])


def credit_contribution(brief_id, user, now, **counts):
    """Add `counts` to the person's Contribution row; first time, record participation."""
    contribution, created = Contribution.objects.get_or_create(
        brief_id=brief_id, user=user, defaults={"last_at": now}
    )
    changes = {field: F(field) + value for field, value in counts.items()}
    if "chars_added" in counts or "chars_removed" in counts:
        changes["updates"] = F("updates") + 1
    Contribution.objects.filter(pk=contribution.pk).update(last_at=now, **changes)
    if created:
        session_id = Brief.objects.values_list("session_id", flat=True).get(pk=brief_id)
        record_participation(user, Action.CONTRIBUTED, Scope.of("session", session_id))


def compact(brief_id):
    """Fold the update log into `Brief.ydoc_state` (one compact Yjs update).

    Safe with several server processes: it locks the brief row and reads only what is in
    the database; rows logged while it runs stay in the log.
    """
    with transaction.atomic():
        brief = Brief.objects.select_for_update().get(pk=brief_id)
        rows = list(
            BriefUpdate.objects.filter(brief_id=brief_id, pk__gt=brief.compacted_through)
            .order_by("pk")
            .values_list("pk", "data")
        )
        if not rows:
            return 0
        doc = ydoc.new_doc(brief.ydoc_state, [data for _pk, data in rows])
        brief.ydoc_state = doc.get_update()
        brief.compacted_through = rows[-1][0]
        brief.save(update_fields=["ydoc_state", "compacted_through", "updated_at"])
        # Keep the rows: they are the per-person record of who changed what. Only their
        # bytes are no longer needed.
        folded_pks = [pk for pk, _data in rows]
        BriefUpdate.objects.filter(pk__in=folded_pks).update(data=b"")
    return len(rows)


def save_missing_state(brief_id, doc):
    """Log whatever `doc` (a room's copy) holds that the database does not.

    Called when the last editor leaves a room: a safety net for an update that was
    applied in memory but whose log write failed.
    """
    stored, _last = load_document(brief_id)
    missing = doc.get_update(stored.get_state())
    probe = ydoc.new_doc(stored.get_update())
    probe.apply_update(missing)
    if probe.get_state() != stored.get_state():
        record_update(brief_id, None, missing)
        return True
    return False
