"""Moderation services: posting rules, reports, actions, sanctions, appeals, notes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone, translation

from consultations.models import Comment, CommentRevision
from consultations.services import edit_comment, post_comment
from engage.moderation import services
from engage.moderation.content import ContentStatus
from engage.moderation.models import (
    AccountNote,
    ActionKind,
    AppendOnlyError,
    ModerationAction,
    ModerationProfile,
    QueueItem,
    QueueSource,
    Report,
)
from tests.factories import UserFactory, city_staff, moderator

pytestmark = pytest.mark.django_db


def refresh(obj):
    obj.refresh_from_db()
    return obj


# Posting: first contributions, pre-moderation, sanctions


@override_settings(MODERATION_TRUSTED_AFTER=2)
def test_first_contributions_wait_for_a_moderator_then_the_account_is_trusted(
    make_comment, author, mod
):
    first = make_comment(author, "One")
    second = make_comment(author, "Two")
    assert first.status == second.status == ContentStatus.PENDING
    assert QueueItem.objects.open().filter(source=QueueSource.PRE_MODERATION).count() == 2
    services.moderate(mod, first, ActionKind.APPROVE)
    assert make_comment(author, "Three").status == ContentStatus.PENDING
    services.moderate(mod, second, ActionKind.APPROVE)
    assert make_comment(author, "Four").status == ContentStatus.PUBLISHED
    profile = ModerationProfile.objects.get(user=author)
    assert (profile.contribution_count, profile.approved_count) == (4, 3)


@override_settings(MODERATION_TRUSTED_AFTER=5)
def test_moderators_and_staff_publish_at_once_even_when_pre_moderated(consultation):
    assert services.initial_status(moderator(), pre_moderated=True) == ContentStatus.PUBLISHED
    assert services.initial_status(city_staff(), pre_moderated=True) == ContentStatus.PUBLISHED
    assert services.initial_status(UserFactory(), pre_moderated=False) == ContentStatus.PENDING


def test_pre_moderated_place_queues_even_trusted_accounts(consultation, author):
    comment = post_comment(author, consultation, "Please add lighting.")
    assert comment.status == ContentStatus.PENDING
    item = QueueItem.objects.open().get()
    assert (item.kind, item.scope, item.place_title) == (
        "comment",
        f"consultation:{consultation.pk}",
        consultation.title,
    )
    assert item.url.endswith(f"#comment-{comment.pk}")
    assert item.author == author and item.excerpt == "Please add lighting."


def test_suspended_account_is_told_when_the_suspension_ends(comment, author, mod, make_comment):
    action = services.moderate(
        mod, comment, ActionKind.SUSPEND, public_reason="Repeated insults.", suspend_days=3
    )
    with pytest.raises(ValidationError) as caught:
        make_comment(author, "Back again")
    assert caught.value.code == "suspended"
    until = timezone.localtime(action.suspended_until)
    assert str(until.year) in caught.value.messages[0]
    assert "suspended until" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        edit_comment(author, comment, "Changed")
    assert caught.value.code == "suspended"
    assert Comment.objects.filter(author=author).count() == 1


def test_suspension_message_is_translated(comment, author, mod):
    services.moderate(mod, comment, ActionKind.SUSPEND, public_reason="x", suspend_days=1)
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        services.check_can_post(author)
    with translation.override("fr"):
        message = caught.value.messages[0]
    with translation.override("en"):
        english = caught.value.messages[0]
    assert message  # a translation may not exist yet; the message is still complete
    assert "%(" not in message and "%(" not in english


def test_suspension_expires(comment, author, mod):
    services.moderate(mod, comment, ActionKind.SUSPEND, public_reason="x", suspend_days=1)
    ModerationProfile.objects.filter(user=author).update(
        suspended_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert services.check_can_post(author) is None


def test_banned_account_cannot_post(comment, author, mod, make_comment):
    services.moderate(mod, comment, ActionKind.BAN, public_reason="Spam account.")
    with pytest.raises(ValidationError) as caught:
        make_comment(author, "More spam")
    assert caught.value.code == "banned"


# Reports


def test_report_opens_a_queue_item_and_duplicates_count_once(comment):
    reporter = UserFactory()
    first = services.report_content(reporter, comment, "spam")
    again = services.report_content(reporter, comment, "abuse")
    assert first.already_reported is False and again.already_reported is True
    assert again.pk == first.pk and refresh(again).reason == "spam"
    item = QueueItem.objects.open().get()
    assert (item.source, item.report_count, item.report_reason) == ("reported", 1, "spam")


@override_settings(MODERATION_HIDE_AFTER_REPORTS=2)
def test_enough_different_reporters_hide_published_content_until_a_moderator_decides(comment, mod):
    reporter = UserFactory()
    services.report_content(reporter, comment, "abuse")
    services.report_content(reporter, comment, "abuse")  # the same person: counts once
    assert refresh(comment).status == ContentStatus.PUBLISHED
    services.report_content(UserFactory(), comment, "hate")
    assert refresh(comment).status == ContentStatus.HIDDEN
    entry = ModerationAction.objects.get(action=ActionKind.AUTO_HIDE)
    assert entry.moderator is None and entry.new_status == ContentStatus.HIDDEN
    item = QueueItem.objects.open().get()
    assert item.report_count == 2
    services.moderate(mod, comment, ActionKind.APPROVE)
    assert refresh(comment).status == ContentStatus.PUBLISHED
    assert refresh(item).decided_at is not None and item.decision == "approve"


@pytest.mark.parametrize(
    ("reason", "note", "code"),
    [
        ("other", "", "note_required"),
        ("other", "   ", "note_required"),
        ("nonsense", "", "bad_reason"),
        ("spam", "x" * 1001, "note_too_long"),
    ],
)
def test_bad_reports_are_refused_with_a_reason(comment, reason, note, code):
    with pytest.raises(ValidationError) as caught:
        services.report_content(UserFactory(), comment, reason, note)
    assert caught.value.code == code
    assert not Report.objects.exists() and not QueueItem.objects.exists()


def test_reporting_removed_withdrawn_pending_or_own_content_is_refused(comment, author, mod):
    with pytest.raises(ValidationError) as caught:
        services.report_content(author, comment, "spam")
    assert caught.value.code == "own_content"
    services.moderate(mod, comment, ActionKind.REMOVE, public_reason="Abuse.")
    with pytest.raises(ValidationError) as caught:
        services.report_content(UserFactory(), comment, "spam")
    assert caught.value.code == "removed"
    with pytest.raises(ValidationError) as caught:
        services.find_content("comment", 999999)
    assert caught.value.code == "not_found"
    with pytest.raises(ValidationError) as caught:
        services.find_content("no-such-kind", comment.pk)
    assert caught.value.code == "not_found"


def test_unverified_people_cannot_report(comment):
    with pytest.raises(PermissionDenied):
        services.report_content(UserFactory(verified=False), comment, "spam")


# Actions


def test_hide_records_the_audit_and_emails_the_author_in_their_language(
    comment, author, mod, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.moderate(
            mod, comment, ActionKind.HIDE, reason="internal", public_reason="Off topic here."
        )
    assert refresh(comment).status == ContentStatus.HIDDEN
    assert (entry.moderator, entry.account, entry.old_status, entry.new_status) == (
        mod,
        author,
        ContentStatus.PUBLISHED,
        ContentStatus.HIDDEN,
    )
    assert entry.before_text == entry.after_text == comment.body_text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert message.extra_headers["Content-Language"] == "fr"
    assert f"/fr/moderation/appeals/new/{entry.pk}/" in message.body
    assert "Off topic here." in message.body
    assert "internal" not in message.body


def test_hide_needs_a_public_reason(comment, mod):
    with pytest.raises(ValidationError) as caught:
        services.moderate(mod, comment, ActionKind.HIDE)
    assert caught.value.code == "public_reason_required"
    assert refresh(comment).status == ContentStatus.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_redact_keeps_the_rest_and_deletes_earlier_versions(make_comment, author, mod):
    comment = make_comment(author, "Call me on 07700 900123 about it.")
    edit_comment(author, comment, "Call me on 07700 900123 about the benches.")
    assert CommentRevision.objects.filter(comment=comment).exists()
    entry = services.moderate(
        mod, comment, ActionKind.REDACT, redacted_text="Call me on [removed] about the benches."
    )
    comment = refresh(comment)
    assert comment.body_text == "Call me on [removed] about the benches."
    assert "07700" not in comment.body_html
    assert comment.status == ContentStatus.PUBLISHED
    assert not CommentRevision.objects.filter(comment=comment).exists()
    assert "07700" in entry.before_text and "07700" not in entry.after_text


def test_redact_refuses_unchanged_or_empty_text(comment, mod):
    for text, code in [(comment.body_text, "redacted_unchanged"), ("", "redacted_required")]:
        with pytest.raises(ValidationError) as caught:
            services.moderate(mod, comment, ActionKind.REDACT, redacted_text=text)
        assert caught.value.code == code


def test_acting_on_removed_content_is_refused_and_changes_nothing(comment, mod):
    services.moderate(mod, comment, ActionKind.REMOVE, public_reason="Hate.")
    for action in (ActionKind.APPROVE, ActionKind.HIDE, ActionKind.REMOVE, ActionKind.REDACT):
        with pytest.raises(ValidationError) as caught:
            services.moderate(mod, comment, action, public_reason="x", redacted_text="y")
        assert caught.value.code == "removed"
    assert refresh(comment).status == ContentStatus.REMOVED
    assert ModerationAction.objects.count() == 1


def test_moderators_cannot_act_on_their_own_content(make_comment, mod):
    own = make_comment(mod, "My own words")
    with pytest.raises(ValidationError) as caught:
        services.moderate(mod, own, ActionKind.HIDE, public_reason="x")
    assert caught.value.code == "own_content"
    with pytest.raises(ValidationError):
        services.moderate(mod, mod, ActionKind.BAN, public_reason="x")


def test_moderators_without_two_factor_and_residents_cannot_moderate(comment):
    for person in (moderator(), UserFactory()):
        with pytest.raises(PermissionDenied):
            services.moderate(person, comment, ActionKind.HIDE, public_reason="x")


def test_approving_published_content_without_an_open_item_is_nothing_to_do(comment, mod):
    with pytest.raises(ValidationError) as caught:
        services.moderate(mod, comment, ActionKind.APPROVE)
    assert caught.value.code == "nothing_to_do"


def test_bulk_removes_a_spam_wave_and_reports_failures(make_comment, mod):
    spammers = [UserFactory() for _ in range(3)]
    comments = [make_comment(person, f"Buy now {n}") for n, person in enumerate(spammers)]
    own = make_comment(mod, "Mine")
    # Bulk decisions are all or nothing: the moderator's own comment fails and is
    # reported, and nothing is removed until it is left out.
    result = services.bulk_moderate(mod, [*comments, own], ActionKind.REMOVE, public_reason="Spam.")
    assert result.done == [] and result.undone == 3 and len(result.failed) == 1
    assert result.failed[0][0] == own
    assert not Comment.objects.filter(status="removed").exists()
    result = services.bulk_moderate(mod, comments, ActionKind.REMOVE, public_reason="Spam.")
    assert len(result.done) == 3 and result.failed == []
    assert set(Comment.objects.filter(status="removed").values_list("pk", flat=True)) == {
        c.pk for c in comments
    }


def test_audit_trail_cannot_be_changed_or_deleted(comment, mod):
    entry = services.moderate(mod, comment, ActionKind.HIDE, public_reason="x")
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ModerationAction.objects.update(reason="x")
    assert ModerationAction.objects.get().reason == ""


# Appeals


def test_appeal_is_decided_by_a_different_moderator_and_can_restore(
    comment, author, mod, second_mod, django_capture_on_commit_callbacks
):
    entry = services.moderate(mod, comment, ActionKind.REMOVE, public_reason="Abuse.")
    appeal = services.appeal(author, entry, "It was a quote from the council minutes.")
    with pytest.raises(ValidationError) as caught:
        services.appeal(author, entry, "Again")
    assert caught.value.code == "already_appealed"
    with pytest.raises(ValidationError) as caught:
        services.decide_appeal(mod, appeal, False, "I agree")
    assert caught.value.code == "same_moderator"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.decide_appeal(second_mod, appeal, False, "It was a quote.")
    assert decided.upheld is False and decided.decided_by == second_mod
    assert refresh(comment).status == ContentStatus.PUBLISHED
    reversal = ModerationAction.objects.get(action=ActionKind.REVERSE)
    assert (reversal.old_status, reversal.new_status) == ("removed", "published")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [author.email]
    with pytest.raises(ValidationError) as caught:
        services.decide_appeal(second_mod, appeal, True, "again")
    assert caught.value.code == "already_decided"


def test_upheld_appeal_changes_nothing_and_lifted_suspension(comment, author, mod, second_mod):
    hide = services.moderate(mod, comment, ActionKind.HIDE, public_reason="Off topic.")
    services.decide_appeal(second_mod, services.appeal(author, hide, "Please"), True, "Stands.")
    assert refresh(comment).status == ContentStatus.HIDDEN
    suspension = services.moderate(
        mod, comment, ActionKind.SUSPEND, public_reason="Insults.", suspend_days=7
    )
    services.decide_appeal(
        second_mod, services.appeal(author, suspension, "Sorry"), False, "Lifted."
    )
    assert services.check_can_post(author) is None


def test_only_the_affected_person_may_appeal(comment, mod):
    entry = services.moderate(mod, comment, ActionKind.HIDE, public_reason="x")
    with pytest.raises(PermissionDenied):
        services.appeal(UserFactory(), entry, "Not mine")


# Notes


def test_notes_are_for_moderators_on_other_accounts(author, mod):
    note = services.add_note(mod, author, "Second warning this month.")
    assert AccountNote.objects.get() == note
    with pytest.raises(PermissionDenied):
        services.add_note(UserFactory(), author, "Residents cannot")
    with pytest.raises(ValidationError):
        services.add_note(mod, mod, "About me")
    with pytest.raises(ValidationError):
        services.add_note(mod, author, "   ")


# Fixes: redaction of invisible content, appeals of hides, withdrawals, robust signals


@override_settings(MODERATION_TRUSTED_AFTER=5)
def test_redacting_pending_content_keeps_it_in_the_queue_without_the_personal_data(
    make_comment, author, mod
):
    comment = make_comment(author, "Call me on 07700 900123 about it.")
    assert comment.status == ContentStatus.PENDING
    item = QueueItem.objects.open().get()
    services.moderate(mod, comment, ActionKind.REDACT, redacted_text="Call me about it.")
    item = refresh(item)
    assert item.decided_at is None and item.excerpt == "Call me about it."
    services.moderate(mod, comment, ActionKind.APPROVE)
    assert refresh(comment).status == ContentStatus.PUBLISHED
    assert refresh(item).decision == "approve"


@override_settings(MODERATION_HIDE_AFTER_REPORTS=1)
def test_redacting_hidden_content_keeps_its_queue_item_open(make_comment, author, mod):
    comment = make_comment(author, "Email me at jo@example.org please.")
    services.report_content(UserFactory(), comment, "personal_data")
    assert refresh(comment).status == ContentStatus.HIDDEN
    services.moderate(mod, comment, ActionKind.REDACT, redacted_text="Email me please.")
    item = QueueItem.objects.for_content(comment).get()
    assert item.decided_at is None and "jo@example.org" not in item.excerpt
    assert refresh(comment).status == ContentStatus.HIDDEN


def test_redacting_published_content_still_closes_its_item(comment, mod):
    services.report_content(UserFactory(), comment, "personal_data")
    services.moderate(mod, comment, ActionKind.REDACT, redacted_text="The park needs benches.")
    item = QueueItem.objects.for_content(comment).get()
    assert item.decision == "redact" and item.excerpt == "The park needs benches."


@override_settings(MODERATION_HIDE_AFTER_REPORTS=1)
def test_reversing_a_confirmed_auto_hide_publishes_the_content(comment, author, mod, second_mod):
    services.report_content(UserFactory(), comment, "abuse")
    assert refresh(comment).status == ContentStatus.HIDDEN
    hide = services.moderate(mod, comment, ActionKind.HIDE, public_reason="Rude.")
    assert hide.old_status == ContentStatus.HIDDEN
    services.decide_appeal(second_mod, services.appeal(author, hide, "Not rude."), False, "Ok.")
    assert refresh(comment).status == ContentStatus.PUBLISHED


def test_reversing_a_removal_of_hidden_content_publishes_it(comment, author, mod, second_mod):
    services.moderate(mod, comment, ActionKind.HIDE, public_reason="Rude.")
    remove = services.moderate(mod, comment, ActionKind.REMOVE, public_reason="Rude.")
    services.decide_appeal(second_mod, services.appeal(author, remove, "No."), False, "Ok.")
    assert refresh(comment).status == ContentStatus.PUBLISHED
    reversal = ModerationAction.objects.get(action=ActionKind.REVERSE)
    assert (reversal.old_status, reversal.new_status) == ("removed", "published")


def test_withdrawing_closes_the_queue_item_and_blanks_its_excerpt(comment, author):
    from consultations.services import withdraw_comment

    services.report_content(UserFactory(), comment, "spam")
    item = QueueItem.objects.open().get()
    assert item.excerpt
    withdraw_comment(author, comment)
    item = refresh(item)
    assert item.decided_at is not None and item.decision == "withdrawn"
    assert item.excerpt == ""
    assert not QueueItem.objects.open().exists()


def test_a_failing_live_receiver_does_not_stop_the_authors_email(
    comment, author, mod, django_capture_on_commit_callbacks, caplog
):
    from engage.moderation.signals import content_moderated

    def broken(**kwargs):
        raise RuntimeError("channel layer down")

    content_moderated.connect(broken, dispatch_uid="test-broken-receiver")
    try:
        mail.outbox.clear()
        with caplog.at_level("ERROR", logger="engage.moderation.services"):
            with django_capture_on_commit_callbacks(execute=True):
                services.moderate(mod, comment, ActionKind.HIDE, public_reason="Rude.")
    finally:
        content_moderated.disconnect(dispatch_uid="test-broken-receiver")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [author.email]
    assert "channel layer down" in caplog.text
