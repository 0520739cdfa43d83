"""Every registered kind of resident text reaches the pipeline with its own scopes:
forum threads, posts and fact-checks; survey answers (bulk-created, triggered by the
response); comments on briefs and suggested changes."""

import pytest
from django.db.models.signals import post_save

from consultations.briefs.models import Brief, BriefComment, BriefSuggestion
from consultations.engagement.models import QuestionKind, Survey, SurveyQuestion
from consultations.engagement.services import submit_survey
from engage.insights import registry
from engage.insights.models import TextAnalysis
from engage.moderation.content import ContentStatus
from engage.moderation.models import ActionKind
from engage.moderation.services import moderate
from forums import services as forum_services
from forums.models import ForumIndexPage, ForumPage
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


@pytest.fixture
def forum(home_page, open_settings):
    index = ForumIndexPage(title="Forums", slug="forums")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    forum = ForumPage(title="Myths", slug="myths", intro="<p>Check.</p>")
    index.add_child(instance=forum)
    forum.save_revision().publish()
    return forum


def test_every_feature_registered_its_texts():
    assert registry.kinds() == sorted(
        [
            "brief_comment",
            "brief_suggestion",
            "comment",
            "factcheck",
            "post",
            "statement",
            "survey_answer",
            "thread",
        ]
    )


def test_forum_thread_and_reply_are_analysed_in_their_forum(
    forum, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = forum_services.start_thread(
            writer, forum, title="The new library", text=POSITIVE, accept_guidelines=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        post = forum_services.post_reply(writer, thread, NEGATIVE, accept_guidelines=True)
    thread_row, post_row = analysis_of(thread), analysis_of(post)
    assert (thread_row.kind, thread_row.forum) == ("thread", forum.pk)
    assert (post_row.kind, post_row.forum) == ("post", forum.pk)
    assert thread_row.sentiment > 0.05 and post_row.sentiment < -0.05
    assert thread_row.consultation is None and thread_row.area is None


def test_replies_leave_the_aggregates_with_their_removed_thread_and_come_back(
    forum, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = forum_services.start_thread(
            writer, forum, title="The bridge", text=POSITIVE, accept_guidelines=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        kept = forum_services.post_reply(writer, thread, NEGATIVE, accept_guidelines=True)
        hidden = forum_services.post_reply(writer, thread, POSITIVE, accept_guidelines=True)
    checker = with_totp(moderator())
    with django_capture_on_commit_callbacks(execute=True):
        moderate(checker, hidden, ActionKind.HIDE, reason="Off topic.", public_reason="Off topic.")
    assert (analysis_of(kept).content_visible, analysis_of(hidden).content_visible) == (
        True,
        False,
    )

    with django_capture_on_commit_callbacks(execute=True):
        moderate(checker, thread, ActionKind.REMOVE, reason="Hate.", public_reason="Hate speech.")
    assert not analysis_of(thread).content_visible
    assert not analysis_of(kept).content_visible

    with django_capture_on_commit_callbacks(execute=True):  # restored (as an appeal does)
        thread.refresh_from_db()
        thread.status = ContentStatus.PUBLISHED
        thread.save(update_fields=["status"])
    assert analysis_of(thread).content_visible
    assert analysis_of(kept).content_visible
    assert not analysis_of(hidden).content_visible, "a reply hidden on its own stays out"


def test_saves_that_change_nothing_analysed_enqueue_nothing(
    forum, writer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = forum_services.start_thread(
            writer, forum, title="Bins", text=POSITIVE, accept_guidelines=True
        )
    with django_capture_on_commit_callbacks() as callbacks:
        thread.save(update_fields=["last_activity_at"])
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        thread.save(update_fields=["status"])
    assert len(callbacks) == 2, "its own analysis, and whether its replies count"


def test_survey_text_answers_are_analysed_and_replaced_on_resubmission(
    riverside, writer, django_capture_on_commit_callbacks
):
    survey = Survey.objects.create(consultation=riverside, title="Crossing survey")
    scale = SurveyQuestion.objects.create(
        survey=survey, kind=QuestionKind.SCALE, text="How safe?", sort_order=0
    )
    text = SurveyQuestion.objects.create(
        survey=survey, kind=QuestionKind.TEXT, text="Anything else?", required=False, sort_order=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit_survey(writer, survey, {scale.pk: 4, text.pk: POSITIVE})
    [first] = TextAnalysis.objects.filter(kind="survey_answer")
    assert first.sentiment > 0.05
    assert (first.consultation, first.area, first.policy_area) == (
        riverside.pk,
        "E05000001",
        "transport",
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit_survey(writer, survey, {scale.pk: 2, text.pk: NEGATIVE})
    [second] = TextAnalysis.objects.filter(kind="survey_answer")  # the old answer left
    assert second.object_id != first.object_id
    assert second.sentiment < -0.05


def test_brief_comments_and_suggestions_count_in_their_session(
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
        BriefComment.objects.create(brief=brief, author=writer, body=POSITIVE)
        BriefSuggestion.objects.create(
            brief=brief, author=writer, quote="old words", replacement="new words", note=NEGATIVE
        )
    rows = {row.kind: row for row in TextAnalysis.objects.all()}
    assert set(rows) == {"brief_comment", "brief_suggestion"}
    for row in rows.values():
        assert (row.session, row.consultation, row.area) == (session.pk, riverside.pk, "E05000001")
        assert row.content_visible is True
    assert rows["brief_comment"].sentiment > 0.05
    assert rows["brief_suggestion"].sentiment < -0.05


def test_fixture_loading_is_not_analysed(riverside, writer, django_capture_on_commit_callbacks):
    from consultations.models import Comment

    comment = Comment(consultation=riverside, author=writer, body_text=POSITIVE, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        comment.save_base(raw=True)
    assert post_save.has_listeners(Comment)
    assert not TextAnalysis.objects.exists()
