""" "Delete my account": asked with the password, confirmed by email, carried out after
the grace period by the daily task, cancellable until then; reports keep their counts."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations.models import Comment, CommentStatus
from engage.accounts.models import AccountDeletion, AccountDeletionStatus
from engage.accounts.privacy import deletion
from engage.communities.models import Declaration, DeclarationConsent, Participation
from engage.moderation.models import AccountNote, QueueItem
from engage.policy.models import ExportRecord
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def ask(client, user, content, capture, password=PASSWORD):
    client.force_login(user)
    with capture(execute=True):
        return client.post(
            reverse("privacy:deletion_request"), {"content": content, "password": password}
        )


def link(message, name):
    path = reverse(f"privacy:{name}", args=["TOKEN"]).replace("TOKEN/", "")
    (url,) = re.findall(r"http://testserver(" + re.escape(path) + r"[^/\s]+/)", message.body)
    return url


def confirm(client, capture):
    url = link(mail.outbox[-1], "deletion_confirm")
    page = client.get(url)
    assert page.status_code == 200 and b"<form" in page.content
    assert AccountDeletion.objects.get().status == AccountDeletionStatus.AWAITING_CONFIRMATION
    with capture(execute=True):
        assert client.post(url).status_code == 200
    return AccountDeletion.objects.get()


def carry_out(when):
    with mock.patch("django.utils.timezone.now", return_value=when):
        return deletion.execute_due_deletions()


def test_keeping_content_leaves_it_to_a_former_participant(
    client, person, django_capture_on_commit_callbacks
):
    user = person.user
    factories.ExportRecordFactory(user=user, kind="personal_data", scope="x", export_format="json")
    ledger_before = Participation.objects.filter(user=user).count()
    assert ledger_before and Declaration.objects.filter(user=user).exists()

    response = ask(client, user, "keep", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dana@example.org"]
    scheduled = confirm(client, django_capture_on_commit_callbacks)
    assert scheduled.status == AccountDeletionStatus.SCHEDULED
    assert scheduled.due_at == scheduled.confirmed_at + datetime.timedelta(days=14)
    assert "cancel" in mail.outbox[-1].body.lower()

    # Nothing happens before the grace period ends.
    assert carry_out(scheduled.due_at - datetime.timedelta(minutes=1)) == 0
    assert carry_out(scheduled.due_at + datetime.timedelta(minutes=1)) == 1

    user.refresh_from_db()
    assert user.erased_at is not None and not user.is_active
    assert "dana" not in user.email and user.display_name == ""
    assert authenticate(email="dana@example.org", password=PASSWORD) is None
    assert str(user.public_name) == "Former participant"
    comment = Comment.objects.get(pk=person.comment.pk)
    assert comment.body_text == "My own words about the park"
    assert not Declaration.objects.filter(user=user).exists()
    assert not DeclarationConsent.objects.filter(user=user).exists()
    assert not AccountNote.objects.filter(account=user).exists()
    # The ledger keeps its rows, so the reports' counts do not change; the audit stays.
    assert Participation.objects.filter(user=user).count() == ledger_before
    assert ExportRecord.objects.filter(user=user).count() == 1
    assert AccountDeletion.objects.get().status == AccountDeletionStatus.DONE
    # Readers see the kept comment under "former participant", never the old name.
    assert comment.status == CommentStatus.PUBLISHED
    page = client.get(person.consultation.url).content.decode()
    assert "My own words about the park" in page
    assert "Former participant" in page and "Dana Rightsholder" not in page
    # The neighbour is untouched.
    assert Comment.objects.get(pk=person.other_comment.pk).body_text.startswith("Someone")


def test_deleting_content_withdraws_comments_and_reactions(
    client, person, django_capture_on_commit_callbacks
):
    from consultations.engagement.models import Reaction

    # A moderator approved the comment earlier: the decided queue item quotes it.
    QueueItem.objects.filter(author=person.user).update(
        decided_at=timezone.now(), decision="approve"
    )
    assert QueueItem.objects.filter(author=person.user).exclude(excerpt="").exists()
    ask(client, person.user, "delete", django_capture_on_commit_callbacks)
    scheduled = confirm(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        carry_out(scheduled.due_at)
    comment = Comment.objects.get(pk=person.comment.pk)
    assert comment.status == CommentStatus.WITHDRAWN and comment.body_text == ""
    assert not QueueItem.objects.filter(author=person.user).exclude(excerpt="").exists()
    assert not Reaction.objects.filter(user=person.user).exists()


def test_the_emailed_cancel_link_stops_the_deletion(
    client, person, django_capture_on_commit_callbacks
):
    ask(client, person.user, "keep", django_capture_on_commit_callbacks)
    scheduled = confirm(client, django_capture_on_commit_callbacks)
    client.logout()
    url = link(mail.outbox[-1], "deletion_cancel")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert carry_out(scheduled.due_at + datetime.timedelta(days=1)) == 0
    person.user.refresh_from_db()
    assert person.user.is_active and person.user.erased_at is None
    # The used link does not work again.
    assert client.post(url).status_code == 404


def test_the_signed_in_page_can_cancel_too(client, person, django_capture_on_commit_callbacks):
    ask(client, person.user, "keep", django_capture_on_commit_callbacks)
    confirm(client, django_capture_on_commit_callbacks)
    page = client.get(reverse("privacy:overview")).content.decode()
    assert "will be deleted on" in page
    client.post(reverse("privacy:deletion_cancel_own"))
    assert AccountDeletion.objects.get().status == AccountDeletionStatus.CANCELLED


def test_a_wrong_password_or_no_choice_is_explained_and_nothing_is_asked(
    client, person, django_capture_on_commit_callbacks
):
    response = ask(client, person.user, "", django_capture_on_commit_callbacks, password="nope")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Choose what should happen to what you wrote." in html
    assert "That password is not right." in html
    assert 'aria-invalid="true"' in html
    assert not AccountDeletion.objects.exists() and not mail.outbox


def test_a_confirmation_link_lapses(client, person, django_capture_on_commit_callbacks):
    ask(client, person.user, "keep", django_capture_on_commit_callbacks)
    url = link(mail.outbox[-1], "deletion_confirm")
    later = timezone.now() + datetime.timedelta(hours=49)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.post(url)
    assert response.status_code == 404
    assert "not valid any more" in response.content.decode()
    assert AccountDeletion.objects.get().status == AccountDeletionStatus.AWAITING_CONFIRMATION


def test_a_made_up_token_changes_nothing(client, person):
    url = reverse("privacy:deletion_confirm", args=["made-up-token"])
    assert client.post(url).status_code == 404


def test_a_moderator_with_an_audit_trail_can_be_deleted(person):
    from engage.moderation.models import ModerationAction

    factories.ModerationActionFactory(
        moderator=person.moderator, account=person.user, action="warn", public_reason="x"
    )
    deletion.erase_account(person.moderator, keep_content=True)
    person.moderator.refresh_from_db()
    assert person.moderator.erased_at is not None
    assert ModerationAction.objects.filter(moderator=person.moderator).count() == 1


def test_an_erased_account_cannot_use_the_rights_pages(client):
    user = factories.UserFactory()
    deletion.erase_account(user, keep_content=True)
    client.force_login(user)
    assert client.post(reverse("privacy:download")).status_code in (302, 403)
