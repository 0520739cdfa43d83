"""The demo city shows every capability without a manual step (issue 18): proposals with
threaded comments in six languages, reactions and survey answers, items waiting for
moderators, forum claims with fact-checks, a past co-design session with its published
brief, and representation and tokenism flags; and seeding it again adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from consultations.briefs.models import Brief, BriefComment
from consultations.codesign.models import AgreedAction, CoDesignSession, Rsvp, SessionNote
from consultations.engagement.models import Reaction, SurveyAnswer, SurveyResponse
from consultations.exports.summary import overview
from consultations.models import Comment, CommentStatus, ConsultationPage, Proposal
from engage.accounts.models import User
from engage.communities.models import Action, Participation
from engage.communities.representation import Flag, representation_report
from engage.communities.scopes import Scope
from engage.communities.tokenism import PRESENT_NOT_HEARD, WIDER_AUDIENCE_MISSING, findings_for
from engage.moderation.models import QueueItem, QueueSource, Report
from forums.models import FactCheck, Post, Thread, ThreadKind
from tests import factories

LANGUAGES = {"en", "ar", "fr", "pl", "so", "ur"}

pytestmark = pytest.mark.postgres


def consultation(slug):
    return ConsultationPage.objects.get(slug=slug)


def test_open_consultations_have_proposals_with_threaded_comments_in_six_languages(
    client, demo_city
):
    for slug in ("riverside-park", "safer-streets-around-schools"):
        page = consultation(slug)
        proposals = client.get(f"/api/v1/consultations/{page.pk}/proposals").json()
        assert len(proposals) >= 2, slug
        assert all(sum(p["reactions"].values()) > 0 for p in proposals), slug
        comments = client.get(
            f"/api/v1/consultations/{page.pk}/comments", {"proposal": proposals[0]["id"]}
        ).json()
        assert comments["count"] > 0 and any(c["reply_count"] for c in comments["items"])
    park = consultation("riverside-park")
    published = Comment.objects.filter(consultation=park, status=CommentStatus.PUBLISHED)
    assert set(published.values_list("language", flat=True)) == LANGUAGES
    assert published.filter(depth=2).exists(), "a reply to a reply"
    assert (
        set(
            Comment.objects.filter(status=CommentStatus.PUBLISHED).values_list(
                "language", flat=True
            )
        )
        == LANGUAGES
    )


def test_the_consultation_page_shows_the_threads_in_every_language(client, demo_city):
    html = client.get("/en/consultations/riverside-park/").content.decode()
    assert "No comments yet" not in html
    for proposal in Proposal.objects.filter(page=consultation("riverside-park")):
        assert proposal.title_en in html
    for language in LANGUAGES:
        comment = Comment.objects.filter(
            consultation__slug="riverside-park",
            language=language,
            status=CommentStatus.PUBLISHED,
            parent__isnull=True,
        ).first()
        assert comment is not None, language
        assert comment.body_html in html, language
    arabic = client.get("/ar/consultations/riverside-park/").content.decode()
    proposal = Proposal.objects.filter(page=consultation("riverside-park")).first()
    assert proposal.title_ar in arabic


def test_pending_comments_a_pending_post_and_a_report_wait_for_moderators(client, demo_city):
    streets = consultation("safer-streets-around-schools")
    pending = Comment.objects.filter(consultation=streets, status=CommentStatus.PENDING)
    assert pending.count() >= 2
    assert len(set(pending.values_list("language", flat=True))) >= 2
    queue = QueueItem.objects.filter(decided_at__isnull=True)
    assert queue.filter(source=QueueSource.PRE_MODERATION, object_id__in=pending).count() == (
        pending.count()
    )
    assert queue.filter(kind="post").exists()
    report = Report.objects.get()
    assert report.reporter.email == "resident@example.org"
    assert report.queue_item.decided_at is None and report.queue_item.report_count == 1
    moderator = factories.with_totp(User.objects.get(email="moderator@example.org"))
    client.force_login(moderator)
    response = client.get("/admin/moderation/")
    assert response.status_code == 200
    page = response.content.decode()
    assert pending.first().body_text[:30] in page


def test_queue_items_wait_from_when_their_content_was_written(demo_city):
    """Not from when the demo was seeded: the queue shows hours and days of waiting."""
    from engage.moderation.demo import REPORTED_AFTER

    waiting = QueueItem.objects.filter(decided_at__isnull=True, content_created_at__isnull=False)
    assert waiting.exists()
    for item in waiting:
        assert item.content_created_at <= item.opened_at <= item.content_created_at + REPORTED_AFTER
    report = Report.objects.get()
    assert report.created_at == report.queue_item.opened_at


def test_reactions_and_survey_answers_feed_the_export_summary(client, demo_city):
    park = consultation("riverside-park")
    figures = overview(park)
    assert figures.comments > 0 and figures.replies > 0
    assert sum(figures.reactions.values()) > 0
    assert (
        figures.survey_responses == SurveyResponse.objects.filter(survey__consultation=park).count()
    )
    assert figures.survey_responses > 0
    assert (
        SurveyAnswer.objects.filter(response__survey__consultation=park).exclude(text="").exists()
    )
    library = consultation("central-library-opening-hours")
    assert library.outcome_is_public and overview(library).comments > 0
    staff = factories.with_totp(User.objects.get(email="staff@example.org"))
    client.force_login(staff)
    response = client.get(f"/en/reports/consultations/{park.pk}/")
    assert response.status_code == 200
    assert Proposal.objects.filter(page=park).first().title_en in response.content.decode()


def test_forum_has_claims_with_published_fact_checks_and_multilingual_discussions(
    client, demo_city
):
    claims = Thread.objects.filter(kind=ThreadKind.CLAIM)
    assert claims.exclude(verdict="").count() >= 3
    assert FactCheck.objects.filter(published_revision__isnull=True).exists(), "awaiting review"
    discussions = Thread.objects.filter(kind=ThreadKind.DISCUSSION)
    assert discussions.count() >= 2
    assert set(Post.objects.values_list("language", flat=True)) >= LANGUAGES
    html = client.get("/en/forums/myths-and-facts/").content.decode()
    for thread in discussions:
        assert escape(thread.title) in html


def test_a_past_session_has_its_published_brief_notes_and_actions(client, demo_city):
    past = CoDesignSession.objects.get(title_en="Riverside Park: what should we ask residents?")
    upcoming = CoDesignSession.objects.exclude(pk=past.pk).get(consultation=past.consultation)
    assert past.starts_at < upcoming.starts_at
    brief = Brief.objects.get(session=past)
    assert brief.status == Brief.Status.PUBLISHED
    assert "Whom we must hear" in brief.published_html_en and brief.published_html_ur
    assert BriefComment.objects.filter(brief=brief).count() == 3
    assert SessionNote.objects.filter(session=past, kind=SessionNote.Kind.DECISION).exists()
    assert AgreedAction.objects.filter(session=past, done=False).exists()
    assert Rsvp.objects.filter(session=past, attended=True).count() > 20
    scope = Scope("session", str(past.pk))
    assert Participation.objects.in_scope(scope).with_action(Action.ATTENDED).count() > 20


def test_representation_and_tokenism_flags_are_visible(client, demo_city):
    streets = consultation("safer-streets-around-schools")
    scope = Scope("consultation", str(streets.pk))
    report = representation_report(scope)
    flags = {row.flag for dimension in report.dimensions for row in dimension.rows}
    assert {Flag.OVER, Flag.UNDER} <= flags
    assert WIDER_AUDIENCE_MISSING in {finding.check for finding in findings_for(scope, report)}
    past = CoDesignSession.objects.get(title_en="Riverside Park: what should we ask residents?")
    session = findings_for(Scope("session", str(past.pk)))
    assert PRESENT_NOT_HEARD in {finding.check for finding in session}
    staff = factories.with_totp(User.objects.get(email="staff@example.org"))
    client.force_login(staff)
    response = client.get(
        reverse("engage_representation:dashboard"), {"scope": f"consultation:{streets.pk}"}
    )
    assert response.status_code == 200
    assert response.context["findings"]
    assert any(dimension["flags"] for dimension in response.context["dimensions"])


ACTIVITY = [
    Proposal,
    Comment,
    Reaction,
    SurveyResponse,
    SurveyAnswer,
    Report,
    QueueItem,
    Thread,
    Post,
    FactCheck,
    CoDesignSession,
    Rsvp,
    SessionNote,
    AgreedAction,
    BriefComment,
    Participation,
]


def test_seeding_again_creates_nothing(demo_city):
    before = {model.__name__: model.objects.count() for model in ACTIVITY}
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert "nothing to create" in output.getvalue()
    assert {model.__name__: model.objects.count() for model in ACTIVITY} == before
