"""The text-signal pipeline end to end: content written through the services is
analysed by the background task after commit, edits are analysed again, withdrawn,
hidden, removed and deleted content leaves the aggregates, and abuse flags reach the
moderation queue and nothing else."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from consultations.models import CommentStatus
from consultations.services import edit_comment, post_comment, withdraw_comment
from engage.insights import reports
from engage.insights.aggregates import SignalScope
from engage.insights.models import TextAnalysis
from engage.moderation.models import QueueItem, QueueSource
from engage.moderation.services import moderate
from tests.factories import moderator, with_totp
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    NEGATIVE,
    POSITIVE,
    analysis_of,
    open_settings_fixture,
    riverside_fixture,
    writer_fixture,
)

pytestmark = pytest.mark.django_db


def city_total(scope="city"):
    return reports.compute_report(SignalScope.parse(scope))["total"]


def test_nothing_is_analysed_inside_the_writers_transaction(riverside, writer):
    comment = post_comment(writer, riverside, POSITIVE, language="en")
    # The test's transaction never commits: no analysis, no row.
    assert analysis_of(comment) is None


def test_posted_comment_is_analysed_after_commit_with_its_scopes(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, POSITIVE, proposal=riverside.proposal)
    row = analysis_of(comment)
    assert row.kind == "comment"
    assert row.language == "en"
    assert row.sentiment > 0.05
    assert row.sentiment_backend.startswith("vader ")
    assert row.content_visible is True
    assert row.analysed_at is not None
    assert (row.consultation, row.proposal, row.area, row.policy_area) == (
        riverside.pk,
        riverside.proposal.pk,
        "E05000001",
        "transport",
    )
    assert row.forum is None and row.session is None
    assert row.content_created_at == comment.created_at


def test_editing_re_analyses_the_new_text(riverside, writer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, POSITIVE, language="en")
    first = analysis_of(comment)
    with django_capture_on_commit_callbacks(execute=True):
        edit_comment(writer, comment, NEGATIVE)
    second = analysis_of(comment)
    assert second.pk == first.pk
    assert first.sentiment > 0.05 > -0.05 > second.sentiment
    assert second.analysed_at > first.analysed_at
    assert second.text_hash != first.text_hash


def test_a_status_change_moves_the_text_without_scoring_it_again(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, NEGATIVE, language="en")
    before = analysis_of(comment)
    assert city_total()["volume"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderate(
            with_totp(moderator()), comment, "hide", reason="Checking", public_reason="Off-topic."
        )
    after = analysis_of(comment)
    assert after.content_visible is False
    assert after.analysed_at == before.analysed_at  # not scored again
    assert after.sentiment == before.sentiment
    assert city_total()["volume"] == 0


def test_removal_by_a_moderator_leaves_every_aggregate(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kept = post_comment(writer, riverside, POSITIVE, language="en")
        removed = post_comment(writer, riverside, NEGATIVE, language="en")
    for scope in (
        "city",
        f"consultation:{riverside.pk}",
        "area:E05000001",
        "policy_area:transport",
    ):
        assert city_total(scope)["volume"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        moderate(
            with_totp(moderator()),
            removed,
            "remove",
            reason="Abusive",
            public_reason="Abusive language.",
        )
    removed.refresh_from_db()
    assert removed.status == CommentStatus.REMOVED
    for scope in (
        "city",
        f"consultation:{riverside.pk}",
        "area:E05000001",
        "policy_area:transport",
    ):
        total = city_total(scope)
        assert total["volume"] == 1
        assert total["analysed"] == 1
    assert analysis_of(kept).content_visible is True


def test_withdrawal_leaves_the_aggregates_and_keeps_no_scores(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, NEGATIVE, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_comment(writer, comment)
    row = analysis_of(comment)
    assert row.content_visible is False
    # The author deleted the text: nothing derived from it is kept either.
    assert row.sentiment is None and row.language is None and row.abuse_flagged is None
    assert city_total()["volume"] == 0


def test_deleted_content_loses_its_row(riverside, writer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, POSITIVE, language="en")
    assert analysis_of(comment) is not None
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert not TextAnalysis.objects.exists()


def test_a_language_without_a_backend_is_analysed_but_not_scored(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(
            writer, riverside, "Waan ku faraxsanahay beerta cusub ee webiga.", language="so"
        )
    row = analysis_of(comment)
    assert row.language == "so"  # the writer's choice, not a guess
    assert row.analysed_at is not None
    assert row.sentiment is None and row.sentiment_backend == ""
    total = city_total()
    assert total["share_analysed"] == 1.0
    assert total["share_not_scored"] == 1.0


def test_unflagged_text_sends_nothing_to_moderation(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, NEGATIVE, language="en")
    assert analysis_of(comment).abuse_flagged is False
    assert not QueueItem.objects.filter(source=QueueSource.FLAGGED).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_posted_comment_is_analysed_by_the_database_worker(riverside, writer):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        comment = post_comment(writer, riverside, POSITIVE, language="en")
        assert analysis_of(comment) is None  # queued, not run in the request
        [queued] = DBTaskResult.objects.filter(task_path="engage.insights.tasks.analyse_content")
        assert queued.args_kwargs["args"] == ["comment", comment.pk]
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        row = analysis_of(comment)
        assert row is not None and row.sentiment > 0.05
        edit_comment(writer, comment, NEGATIVE)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        assert analysis_of(comment).sentiment < -0.05
        withdraw_comment(writer, comment)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        assert analysis_of(comment).content_visible is False
    assert mail.outbox == []
