"""Abuse flags from the pipeline: a flagged text goes to the moderation queue (source
"flagged", its categories as the reason) and nowhere else: it is not hidden, nobody is
emailed, and an unchanged text is not queued again once a moderator decided."""

import pytest
from django.core import mail
from django.core.management import call_command

from consultations.briefs.models import Brief, BriefComment
from consultations.models import CommentStatus, ModerationMode
from consultations.services import edit_comment, post_comment
from engage.insights.aggregates import SignalScope
from engage.insights.models import TextAnalysis, abuse_mask
from engage.insights.reports import compute_report
from engage.insights.services import queue_reason
from engage.moderation.models import QueueItem, QueueSource, ReportReason
from engage.moderation.services import moderate
from tests.factories import build_consultation, moderator, with_totp
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    NEGATIVE,
    analysis_of,
    open_settings_fixture,
    riverside_fixture,
    writer_fixture,
)

pytestmark = pytest.mark.django_db

THREAT = "I know where you live and I will kill you if you vote for this."
DEHUMANISING = "Those immigrants are vermin and should be exterminated."
COUNTER_SPEECH = "Calling people vermin is disgusting. Everyone here deserves respect."


def test_a_threat_goes_to_the_queue_and_stays_published(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, THREAT, language="en")
    row = analysis_of(comment)
    assert row.abuse_flagged is True
    assert "threat" in row.abuse_categories
    assert row.abuse_mask == abuse_mask(row.abuse_categories)
    [item] = QueueItem.objects.for_content(comment).open()
    assert item.source == QueueSource.FLAGGED
    assert item.report_reason == queue_reason(row.abuse_categories)
    assert item.flag_categories == sorted(row.abuse_categories)  # what moderators see
    assert item.report_count == 0  # nobody reported it
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED  # never hidden by the flag
    assert mail.outbox == []
    report = compute_report(SignalScope.parse(f"consultation:{riverside.pk}"))
    assert report["total"]["abuse"]["by_category"]["threat"] == 1


def test_dehumanising_language_is_queued_as_hate(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, DEHUMANISING, language="en")
    assert "dehumanisation" in analysis_of(comment).abuse_categories
    assert QueueItem.objects.for_content(comment).get().report_reason == ReportReason.HATE


def test_counter_speech_and_plain_criticism_are_not_queued(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rejecting = post_comment(writer, riverside, COUNTER_SPEECH, language="en")
        critical = post_comment(writer, riverside, NEGATIVE, language="en")
    assert analysis_of(rejecting).abuse_flagged is False
    assert analysis_of(critical).abuse_flagged is False
    assert not QueueItem.objects.exists()


def test_a_decided_flag_is_not_raised_again_for_the_same_text(
    riverside, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, THREAT, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        moderate(with_totp(moderator()), comment, "approve", reason="Quoted from the news")
    assert not QueueItem.objects.open().exists()
    # The approval saved the comment (status) and a bulk re-analysis ran: no new item.
    call_command("analyse_texts", "--kind", "comment", verbosity=0)
    assert not QueueItem.objects.open().exists()
    assert analysis_of(comment).abuse_flagged is True


def test_an_edit_into_abuse_is_queued(riverside, writer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, NEGATIVE, language="en")
    assert not QueueItem.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        edit_comment(writer, comment, THREAT)
    assert QueueItem.objects.for_content(comment).open().get().source == QueueSource.FLAGGED


def test_a_pending_flagged_comment_keeps_its_one_queue_item(
    consultation_index, writer, open_settings, django_capture_on_commit_callbacks
):
    pre = build_consultation(
        consultation_index, title="Pre", slug="pre", moderation_mode=ModerationMode.PRE
    )
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, pre, THREAT, language="en")
    [item] = QueueItem.objects.for_content(comment)
    assert item.source == QueueSource.PRE_MODERATION  # already waiting: the same item
    assert item.report_reason == ReportReason.ABUSE
    row = analysis_of(comment)
    assert row.abuse_flagged is True and row.content_visible is False  # not yet published


def test_flags_on_unmoderated_texts_are_counted_but_not_queued(
    riverside, writer, django_capture_on_commit_callbacks
):

    session_model = Brief._meta.get_field("session").related_model
    session = session_model.objects.create(
        title="Framing",
        purpose="Agree the brief.",
        starts_at=riverside.opens_at,
        ends_at=riverside.closes_at,
        consultation=riverside,
    )
    brief = Brief.objects.create(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        BriefComment.objects.create(brief=brief, author=writer, body=THREAT)
    row = TextAnalysis.objects.get(kind="brief_comment")
    assert row.abuse_flagged is True and row.session == session.pk
    assert not QueueItem.objects.exists()
