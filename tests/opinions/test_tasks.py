"""The debounced recomputation of opinion maps (engage.opinions.tasks)."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.test import override_settings
from django_tasks import task_backends

from engage.opinions import tasks
from engage.opinions.models import OpinionMap, Snapshot
from engage.opinions.tasks import recompute_map, schedule_recompute

from .live_fixtures import grouped_map

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def clock():
    """A mocked clock: `clock.at(seconds)` sets the time to T0 + seconds."""
    with mock.patch("django.utils.timezone.now", return_value=T0) as now:
        now.at = lambda seconds: setattr(now, "return_value", T0 + timedelta(seconds=seconds))
        yield now


@pytest.fixture
def deferred():
    """A backend that defers tasks and lets the test run them (django-tasks' dummy)."""
    with override_settings(TASKS=DUMMY, ENGAGE_OPINIONS_RECOMPUTE_DELAY=10):
        backend = task_backends["default"]
        backend.clear()
        tasks._release_window  # noqa: B018 - the module is loaded
        yield backend
        backend.clear()


def vote_committed(opinion_map, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        schedule_recompute(opinion_map)


def run(result):
    """Run one enqueued recomputation as a worker would."""
    return recompute_map.call(*result.args, **result.kwargs)


@pytest.fixture(autouse=True)
def _empty_debounce_cache():
    from django.core.cache import cache

    cache.delete_many([tasks.pending_key(n) for n in range(1, 2000)])


def test_many_votes_in_the_window_lead_to_one_recomputation(
    clock, deferred, django_capture_on_commit_callbacks
):
    opinion_map, _statements, _people = grouped_map()
    for second in (0, 1, 3, 7, 9):
        clock.at(second)
        vote_committed(opinion_map, django_capture_on_commit_callbacks)
    [result] = deferred.results
    assert result.task.run_after == T0 + timedelta(seconds=10)
    assert Snapshot.objects.count() == 0  # nothing runs in the request
    clock.at(10)
    snapshot_id = run(result)
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    assert snapshot.seed == opinion_map.seed
    assert snapshot.computed_at == T0 + timedelta(seconds=10)
    assert snapshot.result["as_of"] == (T0 + timedelta(seconds=10)).isoformat()
    assert len(snapshot.result["groups"]) == 2


def test_a_vote_after_the_recomputation_started_schedules_the_next_one(
    clock, deferred, django_capture_on_commit_callbacks
):
    opinion_map, _statements, _people = grouped_map()
    vote_committed(opinion_map, django_capture_on_commit_callbacks)
    clock.at(10)
    run(deferred.results[0])
    clock.at(11)
    vote_committed(opinion_map, django_capture_on_commit_callbacks)
    assert len(deferred.results) == 2
    assert deferred.results[1].task.run_after == T0 + timedelta(seconds=21)
    clock.at(21)
    assert run(deferred.results[1]) is not None
    assert Snapshot.objects.filter(map=opinion_map).count() == 2


def test_without_the_cache_the_database_still_debounces(
    clock, deferred, django_capture_on_commit_callbacks, caplog
):
    opinion_map, _statements, _people = grouped_map()
    with mock.patch.object(tasks.cache, "add", side_effect=ConnectionError("cache down")):
        for second in (0, 2, 4):
            clock.at(second)
            vote_committed(opinion_map, django_capture_on_commit_callbacks)
    assert len(deferred.results) == 3  # every vote enqueued one…
    clock.at(10)
    outcomes = [run(result) for result in deferred.results]
    # …but the first to run read all three votes, so the others do nothing.
    assert outcomes[0] is not None and outcomes[1:] == [None, None]
    assert Snapshot.objects.filter(map=opinion_map).count() == 1
    assert "without the cache" in caplog.text


def test_a_failing_enqueue_never_reaches_the_voter(
    deferred, django_capture_on_commit_callbacks, caplog
):
    opinion_map, _statements, _people = grouped_map()
    with mock.patch.object(tasks, "_enqueue", side_effect=RuntimeError("queue down")):
        vote_committed(opinion_map, django_capture_on_commit_callbacks)
    assert "recomputation" in caplog.text
    # The window was released, so the next vote asks again.
    vote_committed(opinion_map, django_capture_on_commit_callbacks)
    assert len(deferred.results) == 1


def test_immediate_backend_recomputes_after_commit(django_capture_on_commit_callbacks):
    opinion_map, _statements, _people = grouped_map(seed=7)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule_recompute(opinion_map)
    assert Snapshot.objects.count() == 0  # not inside the open transaction
    for callback in callbacks:
        callback()
    snapshot = Snapshot.objects.get(map=opinion_map)
    assert snapshot.seed == 7 and snapshot.result["seed"] == 7


def test_recomputing_a_deleted_map_does_nothing():
    opinion_map = OpinionMap.objects.create(title="Gone")
    map_id = opinion_map.pk
    opinion_map.delete()
    assert recompute_map.call(map_id, T0.isoformat()) is None


def test_a_channel_layer_failure_still_stores_the_snapshot(
    django_capture_on_commit_callbacks, caplog
):
    opinion_map, _statements, _people = grouped_map()
    with mock.patch(
        "engage.realtime.broadcast.get_channel_layer", side_effect=RuntimeError("layer down")
    ):
        with django_capture_on_commit_callbacks(execute=True):
            snapshot = tasks.store_snapshot(opinion_map)
    assert Snapshot.objects.filter(pk=snapshot.pk).exists()
    assert "not sent" in caplog.text


def test_the_live_group_is_told_after_commit(django_capture_on_commit_callbacks):
    opinion_map, _statements, _people = grouped_map()
    with mock.patch("engage.opinions.tasks.broadcast_after_commit") as broadcast:
        snapshot = tasks.store_snapshot(opinion_map)
    broadcast.assert_called_once()
    group, event, payload = broadcast.call_args.args
    assert group == f"opinion-map-{opinion_map.pk}" and event == "map.updated"
    assert payload["snapshot"] == snapshot.pk
