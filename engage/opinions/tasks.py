"""Debounced background recomputation of opinion maps (django-tasks).

The voting service calls `schedule_recompute(opinion_map)` after each vote commits. Many
votes within `ENGAGE_OPINIONS_RECOMPUTE_DELAY` seconds (default 10) lead to one
recomputation, which runs once the window has passed and so sees all of them:

1. **Cache** (first, cheap): the first vote of a window adds the key
   `opinions:recompute:<map id>` and enqueues `recompute_map` to run after the window;
   later votes find the key and enqueue nothing. The task deletes the key *before* it
   reads the votes, so a vote committed after that schedules the next recomputation and
   no vote is ever left out of every snapshot.
2. **Database** (always, so a cache outage only costs duplicate tasks): the task is given
   the time it was requested; it does nothing when a snapshot already stored read the
   votes at or after that time (`result["as_of"]`), since that snapshot includes every
   vote committed before the request.

Each result is stored as a `Snapshot` with its time and seed (`store_snapshot`)
and then "map.updated" is broadcast to the live group `opinion-map-<id>` after commit;
a channel-layer failure is logged and swallowed (`engage.realtime.broadcast`).

Backends that cannot defer a task (the immediate backend of tests and of
`TASKS_BACKEND=...ImmediateBackend` in dev) run the recomputation at once, after the
vote's commit; the database check still skips what is already up to date.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from engage.after_commit import on_commit_safely
from engage.realtime.broadcast import broadcast_after_commit

logger = logging.getLogger("engage.opinions")

DEFAULT_DELAY = 10
MAP_UPDATED = "map.updated"


def recompute_delay():
    """The debounce window in seconds (`ENGAGE_OPINIONS_RECOMPUTE_DELAY`, default 10)."""
    return float(getattr(settings, "ENGAGE_OPINIONS_RECOMPUTE_DELAY", DEFAULT_DELAY))


def map_group(map_id):
    """The channel-layer group of one map's open live pages."""
    return f"opinion-map-{int(map_id)}"


def pending_key(map_id):
    return f"opinions:recompute:{int(map_id)}"


def _claim_window(map_id, delay):
    """True when this call opens a new debounce window (or the cache is away)."""
    try:
        # The key outlives the window a little, so a slow worker does not let every
        # vote in between enqueue another task; the task deletes it when it starts.
        return bool(cache.add(pending_key(map_id), 1, timeout=int(delay) + 60))
    except Exception as error:  # noqa: BLE001 - the database check in the task still debounces
        logger.warning("Recompute debounce for map %s without the cache: %s", map_id, error)
        return True


def _release_window(map_id):
    try:
        cache.delete(pending_key(map_id))
    except Exception as error:  # noqa: BLE001 - the key expires on its own
        logger.warning("Recompute debounce key of map %s not deleted: %s", map_id, error)


def _enqueue(map_id, requested_at, delay):
    requested = requested_at.isoformat()
    backend_defers = getattr(recompute_map.get_backend(), "supports_defer", False)
    if backend_defers and delay > 0:
        run_after = requested_at + timedelta(seconds=delay)
        return recompute_map.using(run_after=run_after).enqueue(map_id, requested)
    return recompute_map.enqueue(map_id, requested)


def schedule_recompute(opinion_map):
    """Ask for a recomputation of `opinion_map` (an OpinionMap or its id), debounced.

    Call it after the vote has committed (or inside the transaction: it then waits for
    the commit). Never raises: a failure to enqueue is logged, and the next vote asks again.
    """
    map_id = getattr(opinion_map, "pk", opinion_map)

    def schedule():
        delay = recompute_delay()
        requested_at = timezone.now()
        if not _claim_window(map_id, delay):
            return
        try:
            _enqueue(map_id, requested_at, delay)
        except Exception:
            _release_window(map_id)
            raise

    on_commit_safely(schedule, f"opinion map {map_id} recomputation")


def _up_to_date(opinion_map, requested_at):
    """True when a stored snapshot read the votes at or after `requested_at`."""
    latest = opinion_map.snapshots.first()
    if latest is None or requested_at is None:
        return False
    as_of = parse_datetime(str((latest.result or {}).get("as_of") or ""))
    return as_of is not None and as_of >= requested_at


@task()
def recompute_map(map_id, requested_at=None):
    """Recompute one map and store the result as a Snapshot; broadcast "map.updated".

    `requested_at` (ISO time) is when the recomputation was asked for. Returns the new
    snapshot's id, or None when the map is gone or a newer snapshot already covers it.
    """
    from .models import OpinionMap

    _release_window(map_id)
    opinion_map = OpinionMap.objects.filter(pk=map_id).first()
    if opinion_map is None:
        return None
    requested = parse_datetime(requested_at) if requested_at else None
    if _up_to_date(opinion_map, requested):
        return None
    return store_snapshot(opinion_map).pk


def store_snapshot(opinion_map, *, seed=None):
    """Compute `opinion_map` now, store the Snapshot (its `result["as_of"]` is when the
    votes were read, `result["counts"]` the live map's vote counts, `live.counts`) and
    broadcast "map.updated" after commit. Returns the snapshot."""
    from .live.counts import vote_counts
    from .models import Snapshot
    from .services import read_votes, snapshot_result

    as_of = timezone.now()
    with transaction.atomic():
        # One read of the votes serves the maths and the live counts, and the snapshot
        # is written once (reading and counting again cost a second scan of every vote).
        votes = read_votes(opinion_map)
        result, seed = snapshot_result(opinion_map, seed=seed, votes=votes)
        counts = vote_counts(opinion_map, result, votes=votes)
        snapshot = Snapshot.objects.create(
            map=opinion_map,
            computed_at=timezone.now(),
            seed=seed,
            result={**result, "as_of": as_of.isoformat(), "counts": counts},
        )
        broadcast_after_commit(
            map_group(opinion_map.pk),
            MAP_UPDATED,
            {
                "map": opinion_map.pk,
                "snapshot": snapshot.pk,
                "computed_at": snapshot.computed_at.isoformat(),
            },
        )
    return snapshot
