"""Forum writes: threads, posts, fact-checks and their refusals, through forums.services."""

import datetime
import uuid

import pytest
import rules
from django.core.exceptions import ValidationError
from django.utils import timezone

from engage.communities.models import Action, Participation
from engage.moderation.content import ContentStatus
from engage.ratelimit import RateLimited
from forums import services
from forums.models import (
    FactCheck,
    GuidelinesAcceptance,
    HelpfulMark,
    Post,
    PostRevision,
    Thread,
    Verdict,
)
from tests.factories import UserFactory
from tests.forums.conftest import SOURCES, published_fact_check, start_claim, start_discussion

pytestmark = pytest.mark.django_db


def actions_of(user, forum):
    row = Participation.objects.get(user=user, scope_type="forum", scope_id=str(forum.pk))
    return row.actions


def test_claim_records_where_it_was_heard_and_participation(forum, roles):
    claim = start_claim(roles["resident"], forum, language="ar")
    assert claim.is_claim and claim.heard_where == "At the bus stop"
    assert claim.language == "ar"
    assert claim.status == ContentStatus.PUBLISHED
    assert actions_of(roles["resident"], forum) & Action.CLAIMED
    assert GuidelinesAcceptance.objects.filter(forum=forum, user=roles["resident"]).exists()


def test_thread_and_post_text_is_sanitised(forum, roles, claim):
    post = services.post_reply(
        roles["resident"],
        claim,
        '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a> ok',
        language="en",
    )
    assert "<script" not in post.body_html and "onerror" not in post.body_html
    assert "javascript:" not in post.body_html
    assert "ok" in post.body_html
    assert actions_of(roles["resident"], forum) & Action.POSTED


def test_huge_post_is_refused_with_post_wording(claim, roles, settings):
    with pytest.raises(ValidationError) as error:
        services.post_reply(roles["resident"], claim, "x" * (settings.COMMENT_MAX_LENGTH + 1))
    assert error.value.code == "too_long"
    assert "Your post is" in error.value.messages[0]
    assert not Post.objects.exists()


def test_first_post_needs_the_guidelines_accepted(forum, roles, claim):
    newcomer = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.post_reply(newcomer, claim, "Hello")
    assert error.value.code == "guidelines"
    assert not Post.objects.filter(author=newcomer).exists()
    services.post_reply(newcomer, claim, "Hello", accept_guidelines=True)
    assert GuidelinesAcceptance.objects.filter(forum=forum, user=newcomer).count() == 1
    # Accepted once: the second post needs no box.
    services.post_reply(newcomer, claim, "Hello again")


def test_same_form_twice_makes_one_post(claim, roles):
    token = uuid.uuid4()
    first = services.post_reply(roles["resident"], claim, "Is this true?", token=token)
    again = services.post_reply(roles["resident"], claim, "Is this true?", token=token)
    assert again.pk == first.pk and again.was_duplicate
    assert Post.objects.count() == 1


def test_same_text_again_within_the_window_is_the_same_post(claim, roles):
    first = services.post_reply(roles["resident"], claim, "Is  this true?")
    again = services.post_reply(roles["resident"], claim, "Is this   true?")
    assert again.pk == first.pk and again.was_duplicate
    other = services.post_reply(roles["leader"], claim, "Is this true?", accept_guidelines=True)
    assert other.pk != first.pk
    assert Post.objects.count() == 2


def test_same_text_after_the_window_is_a_new_post(claim, roles, settings):
    first = services.post_reply(roles["resident"], claim, "Bump")
    Post.objects.filter(pk=first.pk).update(
        created_at=timezone.now()
        - datetime.timedelta(seconds=settings.FORUM_DUPLICATE_WINDOW_SECONDS + 1)
    )
    assert services.post_reply(roles["resident"], claim, "Bump").pk != first.pk


def test_slow_mode_allows_one_post_per_person_per_period(claim, roles):
    services.update_thread_settings(roles["moderator"], claim, slow_mode_minutes=10)
    other = UserFactory()
    services.post_reply(other, claim, "First", accept_guidelines=True)
    with pytest.raises(ValidationError) as error:
        services.post_reply(other, claim, "Second")
    assert error.value.code == "slow_mode"
    assert "10 minutes" in error.value.messages[0]
    # Someone else may still post; moderators are not slowed down.
    services.post_reply(roles["leader"], claim, "Mine", accept_guidelines=True)
    services.post_reply(roles["moderator"], claim, "Mod 1", accept_guidelines=True)
    services.post_reply(roles["moderator"], claim, "Mod 2")
    Post.objects.filter(author=other).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    services.post_reply(other, claim, "Later")


def test_locked_thread_takes_no_posts(claim, roles):
    services.update_thread_settings(roles["moderator"], claim, is_locked=True)
    with pytest.raises(ValidationError) as error:
        services.post_reply(roles["resident"], claim, "Hello")
    assert error.value.code == "locked"


def test_residents_cannot_change_thread_settings(claim, roles):
    with pytest.raises(ValidationError) as error:
        services.update_thread_settings(roles["resident"], claim, is_pinned=True)
    assert error.value.code == "not_moderator"
    claim.refresh_from_db()
    assert not claim.is_pinned


def test_suspended_account_is_told_when_the_suspension_ends(claim, roles):
    from engage.moderation.models import ModerationProfile

    until = timezone.now() + datetime.timedelta(days=3)
    ModerationProfile.objects.update_or_create(
        user=roles["resident"], defaults={"suspended_until": until}
    )
    with pytest.raises(ValidationError) as error:
        services.post_reply(roles["resident"], claim, "Hello")
    assert error.value.code == "suspended"
    assert "suspended until" in error.value.messages[0]
    assert str(timezone.localtime(until).year) in error.value.messages[0]
    assert not Post.objects.exists()


def test_flood_is_rate_limited_with_a_clear_message(claim, roles, settings):
    # Counting starts now (the suite runs with limits off): two posts an hour.
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {
        **settings.ENGAGE_RATE_LIMITS,
        "forum_post": {"user": [(2, 3600)]},
    }
    services.post_reply(roles["resident"], claim, "one")
    services.post_reply(roles["resident"], claim, "two")
    with pytest.raises(RateLimited) as error:
        services.post_reply(roles["resident"], claim, "three")
    assert error.value.retry_after > 0
    assert "try again" in error.value.message
    assert Post.objects.count() == 2


def test_pre_moderated_forum_keeps_posts_pending(forum_index, roles):
    from consultations.models import ModerationMode
    from tests.forums.conftest import build_forum

    forum = build_forum(forum_index, slug="pre", moderation_mode=ModerationMode.PRE)
    thread = start_discussion(roles["resident"], forum)
    assert thread.status == ContentStatus.PENDING


def test_edit_keeps_a_revision_and_withdraw_deletes_it(claim, roles):
    post = services.post_reply(roles["resident"], claim, "Frist")
    services.edit_content(roles["resident"], post, "First")
    post.refresh_from_db()
    assert post.body_text == "First" and post.edited_at
    assert PostRevision.objects.filter(post=post, body_text="Frist").exists()
    with pytest.raises(ValidationError):
        services.edit_content(roles["leader"], post, "Hijack")
    services.withdraw_content(roles["resident"], post)
    post.refresh_from_db()
    assert post.status == ContentStatus.WITHDRAWN and post.body_text == ""
    assert not PostRevision.objects.filter(post=post).exists()


def test_edits_go_through_the_shared_resident_content_path(claim, roles):
    """The opening's earlier text is a PostRevision of the thread; an edited post keeps
    the digest of its new text, so sending the edited text again is a duplicate."""
    services.edit_content(roles["resident"], claim, "Heard it at the market.")
    claim.refresh_from_db()
    assert claim.body_text == "Heard it at the market." and claim.edited_at
    revision = PostRevision.objects.get(thread=claim)
    assert revision.post is None and revision.body_text == "Someone said it at the bus stop."

    post = services.post_reply(roles["resident"], claim, "Frist")
    services.edit_content(roles["resident"], post, "First  words")
    post.refresh_from_db()
    assert post.body_hash == services.body_hash("First words")
    again = services.post_reply(roles["resident"], claim, "First words")
    assert again.pk == post.pk and again.was_duplicate
    with pytest.raises(ValidationError) as error:
        services.withdraw_content(roles["leader"], post)
    assert error.value.code == "not_author"


def test_edit_window_closes(claim, roles, settings):
    post = services.post_reply(roles["resident"], claim, "Text")
    Post.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=settings.COMMENT_EDIT_MINUTES + 1)
    )
    post.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.edit_content(roles["resident"], post, "Changed")
    assert error.value.code == "edit_window_closed"


# --- fact-checks -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "JaVaScRiPt:alert(1)",
        "ftp://example.org/x",
        "//example.org",
        "not a url",
    ],
)
def test_fact_check_sources_must_be_web_addresses(claim, roles, url):
    with pytest.raises(ValidationError) as error:
        services.write_fact_check(
            roles["leader"],
            claim,
            verdict=Verdict.FALSE,
            text="Explained.",
            sources=[{"title": "Source", "url": url}],
        )
    assert error.value.code == "bad_source_url"
    assert not FactCheck.objects.exists()


def test_fact_check_needs_a_source_and_a_verdict(claim, roles):
    with pytest.raises(ValidationError) as error:
        services.write_fact_check(
            roles["leader"], claim, verdict=Verdict.FALSE, text="Explained.", sources=[]
        )
    assert error.value.code == "no_sources"
    with pytest.raises(ValidationError) as error:
        services.write_fact_check(
            roles["leader"], claim, verdict="maybe", text="Explained.", sources=SOURCES
        )
    assert error.value.code == "bad_verdict"


def test_residents_cannot_write_fact_checks(claim, roles):
    with pytest.raises(ValidationError) as error:
        services.write_fact_check(
            roles["resident"], claim, verdict=Verdict.FALSE, text="No.", sources=SOURCES
        )
    assert error.value.code == "not_fact_checker"


def test_fact_checks_only_answer_claims(forum, roles):
    discussion = start_discussion(roles["resident"], forum)
    with pytest.raises(ValidationError):
        services.write_fact_check(
            roles["leader"], discussion, verdict=Verdict.FALSE, text="No.", sources=SOURCES
        )


def test_fact_check_needs_a_second_reviewer(claim, roles, forum):
    fact_check = services.write_fact_check(
        roles["leader"], claim, verdict=Verdict.MISLEADING, text="Partly.", sources=SOURCES
    )
    assert not FactCheck.objects.published().exists()
    with pytest.raises(ValidationError) as error:
        services.publish_fact_check(roles["leader"], fact_check)
    assert error.value.code == "same_reviewer"
    with pytest.raises(ValidationError):
        services.publish_fact_check(roles["resident"], fact_check)
    services.publish_fact_check(roles["partner"], fact_check)
    claim.refresh_from_db()
    assert claim.verdict == Verdict.MISLEADING and claim.verdict_at
    assert FactCheck.objects.published().get().published_revision.reviewed_by == roles["partner"]
    assert actions_of(roles["leader"], forum) & Action.FACT_CHECKED
    with pytest.raises(ValidationError) as error:
        services.publish_fact_check(roles["staff"], fact_check)
    assert error.value.code == "cannot_review"


def test_revision_keeps_history_and_the_public_version_until_reviewed(claim, roles):
    fact_check = published_fact_check(roles["leader"], roles["staff"], claim)
    services.revise_fact_check(
        roles["staff"],
        fact_check,
        verdict=Verdict.NEEDS_CONTEXT,
        text="More context.",
        sources=[*SOURCES, {"title": "Housing policy", "url": "http://example.org/policy"}],
    )
    fact_check.refresh_from_db()
    assert fact_check.revisions.count() == 2
    assert fact_check.published_revision.number == 1
    assert fact_check.is_awaiting_review
    claim.refresh_from_db()
    assert claim.verdict == Verdict.FALSE
    # The reviser cannot publish their own revision, even though they published the first.
    with pytest.raises(ValidationError):
        services.publish_fact_check(roles["staff"], fact_check)
    services.publish_fact_check(roles["leader"], fact_check)
    fact_check.refresh_from_db()
    claim.refresh_from_db()
    assert fact_check.published_revision.number == 2
    assert claim.verdict == Verdict.NEEDS_CONTEXT
    assert [r.verdict for r in fact_check.revisions.order_by("number")] == [
        Verdict.FALSE,
        Verdict.NEEDS_CONTEXT,
    ]


def test_helpful_once_per_person_and_follow_up(claim, roles):
    fact_check = published_fact_check(roles["leader"], roles["staff"], claim)
    assert services.mark_helpful(roles["resident"], fact_check) is True
    assert services.mark_helpful(roles["resident"], fact_check) is False
    assert HelpfulMark.objects.count() == 1
    question = services.post_reply(
        roles["resident"], claim, "Where is the policy?", follow_up_to=fact_check
    )
    assert question.follow_up_to == fact_check
    assert Thread.objects.with_helpful_counts().get(pk=claim.pk).helpful_count == 1


def test_unpublished_fact_check_cannot_be_marked_or_followed_up(claim, roles):
    fact_check = services.write_fact_check(
        roles["leader"], claim, verdict=Verdict.FALSE, text="No.", sources=SOURCES
    )
    with pytest.raises(ValidationError):
        services.mark_helpful(roles["resident"], fact_check)
    with pytest.raises(ValidationError) as error:
        services.post_reply(roles["resident"], claim, "Why?", follow_up_to=fact_check)
    assert error.value.code == "wrong_fact_check"


# --- review fixes: suspended reviewers, verdicts of moderated fact-checks, drafts ---


def test_suspended_fact_checker_cannot_publish(claim, roles):
    from engage.moderation.models import ModerationProfile

    fact_check = services.write_fact_check(
        roles["leader"], claim, verdict=Verdict.FALSE, text="By need.", sources=SOURCES
    )
    ModerationProfile.objects.update_or_create(
        user=roles["staff"],
        defaults={"suspended_until": timezone.now() + datetime.timedelta(days=2)},
    )
    with pytest.raises(ValidationError) as error:
        services.publish_fact_check(roles["staff"], fact_check)
    assert error.value.code == "suspended"
    fact_check.refresh_from_db()
    claim.refresh_from_db()
    assert fact_check.published_revision_id is None and claim.verdict == ""


def _moderate(moderator, instance, action, **kwargs):
    from engage.moderation import services as moderation

    return moderation.moderate(moderator, instance, action, public_reason="Reason", **kwargs)


def test_hidden_fact_check_verdict_leaves_the_claim(
    claim, roles, django_capture_on_commit_callbacks
):
    from engage.moderation.models import ActionKind

    first = published_fact_check(roles["leader"], roles["staff"], claim, verdict=Verdict.FALSE)
    second = published_fact_check(
        roles["partner"], roles["staff"], claim, verdict=Verdict.MISLEADING
    )
    claim.refresh_from_db()
    assert claim.verdict == Verdict.MISLEADING
    with django_capture_on_commit_callbacks(execute=True):
        _moderate(roles["moderator"], second, ActionKind.HIDE)
    claim.refresh_from_db()
    assert claim.verdict == Verdict.FALSE
    second.refresh_from_db()
    assert not rules.test_rule("forums.revise_fact_check", roles["leader"], second)
    with django_capture_on_commit_callbacks(execute=True):
        _moderate(roles["moderator"], first, ActionKind.REMOVE)
    claim.refresh_from_db()
    assert claim.verdict == "" and claim.verdict_at is None


def test_hidden_fact_check_cannot_be_reviewed_or_set_the_verdict(claim, roles):
    fact_check = services.write_fact_check(
        roles["leader"], claim, verdict=Verdict.FALSE, text="By need.", sources=SOURCES
    )
    FactCheck.objects.filter(pk=fact_check.pk).update(status=ContentStatus.HIDDEN)
    fact_check.refresh_from_db()
    assert not rules.test_rule("forums.review_fact_check", roles["staff"], fact_check)
    with pytest.raises(ValidationError):
        services.publish_fact_check(roles["staff"], fact_check)
    claim.refresh_from_db()
    assert claim.verdict == ""


def test_unreviewed_revision_stays_out_of_the_public_text_and_redactions(
    claim, roles, django_capture_on_commit_callbacks
):
    from engage.moderation.models import ActionKind

    fact_check = published_fact_check(
        roles["leader"], roles["staff"], claim, text="Reviewed text, call 07700 900123."
    )
    services.revise_fact_check(
        roles["partner"],
        fact_check,
        verdict=Verdict.ACCURATE,
        text="Unreviewed draft.",
        sources=SOURCES,
    )
    fact_check.refresh_from_db()
    assert fact_check.body_text == "Reviewed text, call 07700 900123."
    assert fact_check.verdict == Verdict.FALSE
    with django_capture_on_commit_callbacks(execute=True):
        _moderate(
            roles["moderator"],
            fact_check,
            ActionKind.REDACT,
            redacted_text="Reviewed text, call [removed].",
        )
    fact_check.refresh_from_db()
    published, latest = fact_check.published_revision, fact_check.latest_revision
    assert published.body_text == "Reviewed text, call [removed]."
    assert latest.body_text == "Unreviewed draft."
    claim.refresh_from_db()
    assert claim.verdict == Verdict.FALSE
    services.publish_fact_check(roles["staff"], fact_check)
    fact_check.refresh_from_db()
    claim.refresh_from_db()
    assert fact_check.body_text == "Unreviewed draft." and claim.verdict == Verdict.ACCURATE


def test_posts_cannot_be_edited_in_a_locked_thread(claim, roles):
    post = services.post_reply(roles["resident"], claim, "Text")
    Thread.objects.filter(pk=claim.pk).update(is_locked=True)
    post = Post.objects.select_related("thread__forum").get(pk=post.pk)
    with pytest.raises(ValidationError) as error:
        services.edit_content(roles["resident"], post, "Changed")
    assert error.value.code == "cannot_edit"
    claim.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.edit_content(roles["resident"], claim, "Changed")
    assert error.value.code == "cannot_edit"


def test_posts_cannot_be_edited_in_an_unpublished_forum(claim, roles, forum):
    post = services.post_reply(roles["resident"], claim, "Text")
    forum.unpublish()
    post = Post.objects.select_related("thread__forum").get(pk=post.pk)
    with pytest.raises(ValidationError) as error:
        services.edit_content(roles["resident"], post, "Changed")
    assert error.value.code == "cannot_edit"


def test_withdraw_closes_the_moderation_queue_item_and_blanks_its_excerpt(claim, roles):
    from engage.moderation import services as moderation
    from engage.moderation.models import QueueItem

    post = services.post_reply(roles["resident"], claim, "My neighbour at 12 Elm Road did it.")
    moderation.report_content(UserFactory(), post, "personal_data")
    item = QueueItem.objects.for_content(post).open().get()
    services.withdraw_content(roles["resident"], post)
    item.refresh_from_db()
    assert item.decision == "withdrawn" and item.decided_at is not None
    assert item.excerpt == ""
