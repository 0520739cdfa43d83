"""`manage.py analyse_texts`: bulk re-analysis in batches, its filters, its progress
bar, resuming from the checkpoint, and clear errors for bad options."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from consultations.models import Comment
from consultations.services import post_comment
from engage.insights.models import AnalysisRun, TextAnalysis
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    NEGATIVE,
    POSITIVE,
    analysis_of,
    open_settings_fixture,
    riverside_fixture,
    writer_fixture,
)

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("analyse_texts", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def comments(riverside, writer):
    """Five comments written while no worker ran (the test transaction never commits)."""
    return [
        post_comment(writer, riverside, text, language="en")
        for text in (POSITIVE, NEGATIVE, POSITIVE, NEGATIVE, POSITIVE)
    ]


def test_every_text_is_analysed_in_batches_with_a_progress_bar(comments):
    assert not TextAnalysis.objects.exists()
    out, err = run("--batch-size", "2")
    rows = [analysis_of(comment) for comment in comments]
    assert all(row is not None and row.analysed_at for row in rows)
    assert [row.sentiment > 0 for row in rows] == [True, False, True, False, True]
    assert "5/5 (100%" in err
    assert "Analysed 5 texts" in out
    run_row = AnalysisRun.objects.get()
    assert run_row.finished_at is not None and run_row.analysed == 5
    assert run_row.last_pk == comments[-1].pk


def test_an_interrupted_run_resumes_after_its_last_batch(comments):
    # A run with the same options stopped after the third comment.
    AnalysisRun.objects.create(
        options={"since": None, "kinds": ["comment"], "backend": None},
        kind="comment",
        last_pk=comments[2].pk,
        analysed=3,
    )
    out, err = run("--kind", "comment")
    assert "Resuming the run" in err
    assert [analysis_of(c) is not None for c in comments] == [False, False, False, True, True]
    assert AnalysisRun.objects.get().analysed == 5
    # --restart starts over.
    run("--kind", "comment", "--restart")
    assert all(analysis_of(c) is not None for c in comments)


def test_a_finished_run_is_not_resumed(comments):
    run("--kind", "comment")
    first = {c.pk: analysis_of(c).analysed_at for c in comments}
    run("--kind", "comment")
    assert all(analysis_of(c).analysed_at > first[c.pk] for c in comments)
    assert AnalysisRun.objects.filter(finished_at__isnull=False).count() == 2


def test_since_leaves_older_texts_alone(comments):
    old = comments[0]
    Comment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    run("--since", (timezone.now() - datetime.timedelta(days=1)).date().isoformat())
    assert analysis_of(old) is None
    assert all(analysis_of(c) is not None for c in comments[1:])


def test_backend_limits_the_run_to_its_languages(riverside, writer, comments):
    somali = post_comment(writer, riverside, "Waan ku faraxsanahay beerta.", language="so")
    run("--kind", "comment")
    before = {c.pk: analysis_of(c).analysed_at for c in [*comments, somali]}
    run("--kind", "comment", "--backend", "vader")
    assert analysis_of(somali).analysed_at == before[somali.pk]  # not English: untouched
    assert all(analysis_of(c).analysed_at > before[c.pk] for c in comments)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "31/12/2025"], "is not a date. Write it as YYYY-MM-DD"),
        (["--since", "2025-02-30"], "is not a date"),
        (["--kind", "tweet"], "Unknown kind 'tweet'. Kinds of text: "),
        (["--backend", "babelfish"], "No sentiment backend 'babelfish' is configured"),
        (["--batch-size", "0"], "--batch-size must be at least 1"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        run(*args)
    assert not AnalysisRun.objects.exists()


def test_the_kinds_named_in_the_error_are_the_registered_ones(db):
    with pytest.raises(CommandError) as error:
        run("--kind", "tweet")
    for kind in ("comment", "thread", "post", "factcheck", "brief_comment", "survey_answer"):
        assert kind in str(error.value)
