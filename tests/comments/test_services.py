"""post_comment, edit_comment and withdraw_comment: rules, bad input, side effects."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from consultations.models import Comment, CommentRevision, CommentStatus
from consultations.services import edit_comment, post_comment, withdraw_comment
from engage.communities.models import Action, Participation
from tests.factories import UserFactory, build_consultation, moderator

pytestmark = pytest.mark.django_db


def test_pre_moderated_comment_is_pending_and_visible_to_author_and_moderators(
    consultation, resident
):
    comment = post_comment(resident, consultation, "Wider pavements, please.")
    assert comment.status == CommentStatus.PENDING
    visible = Comment.objects.visible_to
    assert visible(resident).filter(pk=comment.pk).exists()
    assert visible(moderator()).filter(pk=comment.pk).exists()
    assert not visible(UserFactory()).filter(pk=comment.pk).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not visible(AnonymousUser()).filter(pk=comment.pk).exists()


def test_post_moderated_comment_is_published_for_everyone(post_moderated, resident):
    comment = post_comment(resident, post_moderated, "Good idea.")
    assert comment.status == CommentStatus.PUBLISHED
    assert Comment.objects.visible_to(UserFactory()).filter(pk=comment.pk).exists()


def test_comment_text_is_sanitised_and_language_recorded(post_moderated, resident):
    comment = post_comment(resident, post_moderated, "<script>x</script>Hi\n\nthere", language="fr")
    assert comment.body_html == "<p>xHi</p>\n<p>there</p>"
    assert comment.language == "fr"


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_author_can_edit_within_the_window_and_history_is_kept(post_moderated, resident):
    comment = post_comment(resident, post_moderated, "First thought.")
    with at(comment.created_at + datetime.timedelta(minutes=14)):
        edit_comment(resident, comment, "Second thought.")
    comment.refresh_from_db()
    assert comment.body_text == "Second thought."
    assert comment.edited_at is not None
    assert list(comment.revisions.values_list("body_text", flat=True)) == ["First thought."]


def test_editing_after_the_window_is_refused(post_moderated, resident):
    comment = post_comment(resident, post_moderated, "First thought.")
    with (
        at(comment.created_at + datetime.timedelta(minutes=16)),
        pytest.raises(ValidationError) as caught,
    ):
        edit_comment(resident, comment, "Too late.")
    assert caught.value.code == "edit_window_closed"
    comment.refresh_from_db()
    assert comment.body_text == "First thought."
    assert not CommentRevision.objects.exists()


def test_only_the_author_can_edit_or_withdraw(post_moderated, resident):
    comment = post_comment(resident, post_moderated, "Mine.")
    other = UserFactory()
    for action in (
        lambda: edit_comment(other, comment, "Yours."),
        lambda: withdraw_comment(other, comment),
    ):
        with pytest.raises(ValidationError) as caught:
            action()
        assert caught.value.code == "not_author"
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_withdraw_clears_text_and_history_and_keeps_replies(post_moderated, resident):
    comment = post_comment(resident, post_moderated, "Original.")
    edit_comment(resident, comment, "Edited.")
    reply = post_comment(UserFactory(), post_moderated, "I agree.", parent=comment)
    withdraw_comment(resident, comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.WITHDRAWN
    assert comment.body_text == comment.body_html == ""
    assert comment.withdrawn_at is not None
    assert not comment.revisions.exists()
    assert Comment.objects.filter(pk=reply.pk, parent=comment).exists()


def test_participation_recorded_once_per_person_for_consultation_and_proposal(
    post_moderated, resident, proposal_for
):
    proposal = proposal_for(post_moderated)
    post_comment(resident, post_moderated, "One.", proposal=proposal)
    post_comment(resident, post_moderated, "Two.", proposal=proposal)
    rows = Participation.objects.filter(user=resident)
    assert sorted(rows.values_list("scope_type", "scope_id")) == [
        ("consultation", str(post_moderated.pk)),
        ("proposal", str(proposal.pk)),
    ]
    assert all(row.actions & Action.COMMENTED for row in rows)


def test_created_is_broadcast_only_after_commit(
    post_moderated, resident, django_capture_on_commit_callbacks
):
    with mock.patch("engage.realtime.broadcast.send_now") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            comment = post_comment(resident, post_moderated, "Live!")
        send.assert_not_called()
        for callback in callbacks:
            callback()
    group, event, payload = send.call_args.args
    assert (group, event) == (f"consultation-{post_moderated.pk}", "comment.created")
    assert payload["id"] == comment.pk
    assert payload["author"] == resident.public_name
    assert resident.email not in str(payload)
    assert payload["edited"] is False


def test_pending_comment_is_not_broadcast(
    consultation, resident, django_capture_on_commit_callbacks
):
    with mock.patch("engage.realtime.broadcast.send_now") as send:
        with django_capture_on_commit_callbacks(execute=True):
            post_comment(resident, consultation, "Quiet.")
    send.assert_not_called()


def test_edit_and_withdraw_are_broadcast(
    post_moderated, resident, django_capture_on_commit_callbacks
):
    comment = post_comment(resident, post_moderated, "Live!")
    with mock.patch("engage.realtime.broadcast.send_now") as send:
        with django_capture_on_commit_callbacks(execute=True):
            edit_comment(resident, comment, "Live, edited.")
            withdraw_comment(resident, comment)
    events = [call.args[1] for call in send.call_args_list]
    assert events == ["comment.edited", "comment.withdrawn"]
    assert send.call_args_list[0].args[2]["edited"] is True


# Bad input: each gives a clear error and saves nothing.


def assert_refused(code, action):
    comments_before = Comment.objects.count()
    participation_before = Participation.objects.count()
    with pytest.raises(ValidationError) as caught:
        action()
    assert caught.value.code == code
    assert str(caught.value.messages[0])  # a translated sentence, not a code
    assert Comment.objects.count() == comments_before
    assert Participation.objects.count() == participation_before


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("<p></p><br>", "empty"),
        ("x" * 2001, "too_long"),
        ("a https://a.org b https://b.org c https://c.org d https://d.org", "too_many_links"),
        ("nul\x00byte", "invalid_characters"),
        ("bell\x07", "invalid_characters"),
        ("broken \ufffd utf-8", "invalid_characters"),
        (b"\xff\xfe invalid", "invalid_characters"),
        ("lone \ud800 surrogate", "invalid_characters"),
    ],
)
def test_bad_text_is_refused(post_moderated, resident, text, code):
    assert_refused(code, lambda: post_comment(resident, post_moderated, text))


def test_injection_is_neutralised_not_refused(post_moderated, resident):
    comment = post_comment(
        resident, post_moderated, '<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
    )
    assert "<script" not in comment.body_html
    assert "javascript" not in comment.body_html


def test_posting_to_a_closed_consultation_is_refused(consultation_index, resident):
    closed = build_consultation(
        consultation_index, title="Old", slug="old", opens_in_days=-30, closes_in_days=-1
    )
    assert_refused("closed", lambda: post_comment(resident, closed, "Too late?"))


def test_unverified_person_is_refused(post_moderated):
    user = UserFactory(verified=False)
    assert_refused("verify_email", lambda: post_comment(user, post_moderated, "Hello"))


def test_replying_deeper_than_three_levels_is_refused(post_moderated, resident):
    first = post_comment(resident, post_moderated, "Level one.")
    second = post_comment(resident, post_moderated, "Level two.", parent=first)
    third = post_comment(resident, post_moderated, "Level three.", parent=second)
    assert third.depth == 2
    assert_refused(
        "too_deep", lambda: post_comment(resident, post_moderated, "Four.", parent=third)
    )


def test_parent_from_another_consultation_is_refused(post_moderated, consultation_index, resident):
    from consultations.models import ModerationMode

    other = build_consultation(
        consultation_index, title="Other", slug="other", moderation_mode=ModerationMode.POST
    )
    parent = post_comment(resident, other, "Elsewhere.")
    assert_refused(
        "wrong_parent", lambda: post_comment(resident, post_moderated, "Hi", parent=parent)
    )


def test_parent_on_another_proposal_is_refused(post_moderated, resident, proposal_for):
    a, b = proposal_for(post_moderated, "A"), proposal_for(post_moderated, "B")
    parent = post_comment(resident, post_moderated, "On A.", proposal=a)
    assert_refused(
        "wrong_parent",
        lambda: post_comment(resident, post_moderated, "Hi", proposal=b, parent=parent),
    )


def test_proposal_of_another_consultation_is_refused(
    post_moderated, consultation, resident, proposal_for
):
    proposal = proposal_for(consultation)
    assert_refused(
        "wrong_proposal",
        lambda: post_comment(resident, post_moderated, "Hi", proposal=proposal),
    )


def test_replying_to_a_comment_one_cannot_see_is_refused(consultation, resident):
    pending = post_comment(UserFactory(), consultation, "Awaiting a moderator.")
    assert_refused(
        "parent_missing", lambda: post_comment(resident, consultation, "Hi", parent=pending)
    )


def test_unknown_language_is_refused(post_moderated, resident):
    assert_refused(
        "bad_language", lambda: post_comment(resident, post_moderated, "Hi", language="xx")
    )
