"""One test per moderation action class (engage.moderation.services.actions): its
`check()` refuses with a translated error and writes nothing; its `execute()` does the
write, the audit entry and the after-commit side effects. `execute()` runs inside a
transaction, as `moderate()` runs it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise

from engage.moderation.content import ContentStatus
from engage.moderation.models import ModerationAction, ModerationProfile, QueueItem
from engage.moderation.services import ACTIONS, check_can_post, report_content
from engage.moderation.services.actions import (
    ApproveAction,
    AutoHideAction,
    BanAction,
    HideAction,
    RedactAction,
    RemoveAction,
    ReverseAction,
    SuspendAction,
    WarnAction,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def refresh(instance):
    return type(instance).objects.get(pk=instance.pk)


def execute(action):
    with transaction.atomic():
        return action.execute()


def refused(action, code):
    """check() raises ValidationError `code`, its message going through gettext, and
    nothing is written."""
    entries = ModerationAction.objects.count()
    with pytest.raises(ValidationError) as caught, transaction.atomic():
        action.check()
    assert caught.value.code == code
    assert isinstance(caught.value.message, Promise)
    assert ModerationAction.objects.count() == entries


def test_every_moderator_action_has_its_class():
    assert {str(kind) for kind in ACTIONS} == {
        "approve", "hide", "remove", "redact", "warn", "suspend", "ban",
    }  # fmt: skip


def test_approve(make_comment, comment, author, mod, settings):
    refused(ApproveAction(mod, comment), "nothing_to_do")  # published, no open item
    settings.MODERATION_TRUSTED_AFTER = 5
    pending = make_comment(author, "First words.")
    entry = execute(ApproveAction(mod, pending))
    assert refresh(pending).status == ContentStatus.PUBLISHED
    assert (entry.action, entry.old_status, entry.new_status) == ("approve", "pending", "published")
    assert not QueueItem.objects.for_content(pending).open().exists()
    assert ModerationProfile.objects.get(user=author).approved_count == 2


def test_hide(comment, author, mod, django_capture_on_commit_callbacks):
    refused(HideAction(mod, comment), "public_reason_required")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        entry = execute(HideAction(mod, comment, public_reason="Off topic."))
    assert refresh(comment).status == ContentStatus.HIDDEN
    assert (entry.moderator, entry.account, entry.new_status) == (mod, author, "hidden")
    assert [message.to for message in mail.outbox] == [[author.email]]


def test_remove(comment, mod):
    execute(RemoveAction(mod, comment, public_reason="Abuse."))
    assert refresh(comment).status == ContentStatus.REMOVED
    refused(RemoveAction(mod, comment, public_reason="Again."), "removed")


def test_redact(comment, mod):
    refused(RedactAction(mod, comment, redacted_text=comment.body_text), "redacted_unchanged")
    entry = execute(RedactAction(mod, comment, redacted_text="The park needs [removed]."))
    comment = refresh(comment)
    assert (comment.body_text, comment.status) == ("The park needs [removed].", "published")
    assert entry.public_reason == "Personal data was removed from it."
    assert entry.before_text == "The park needs more benches."


def test_warn(comment, author, mod):
    refused(WarnAction(mod, mod, public_reason="x"), "own_content")
    entry = execute(WarnAction(mod, comment, public_reason="Mind your words."))
    assert (entry.action, entry.account) == ("warn", author)
    assert ModerationProfile.objects.get(user=author).warning_count == 1
    assert refresh(comment).status == ContentStatus.PUBLISHED


def test_suspend(comment, author, mod):
    refused(SuspendAction(mod, author, public_reason="x", suspend_days=0), "suspend_days")
    entry = execute(SuspendAction(mod, author, public_reason="Insults.", suspend_days="7"))
    assert entry.suspended_until is not None and entry.object_id is None
    with pytest.raises(ValidationError) as caught:
        check_can_post(author)
    assert caught.value.code == "suspended"


def test_ban(comment, author, mod):
    refused(BanAction(mod, comment, public_reason=""), "public_reason_required")
    execute(BanAction(mod, comment, public_reason="Spam account."))
    with pytest.raises(ValidationError) as caught:
        check_can_post(author)
    assert caught.value.code == "banned"


def test_auto_hide(comment, settings):
    settings.MODERATION_HIDE_AFTER_REPORTS = 10
    report_content(UserFactory(), comment, "spam")
    item = QueueItem.objects.for_content(comment).open().get()
    # Recorded by the system: no moderator, no permission to refuse.
    action = AutoHideAction(None, comment, item=item, reason="Hidden after 1 report.")
    with transaction.atomic():
        locked = type(comment).objects.select_for_update().get(pk=comment.pk)
        action.instance = locked
        entry = action.execute()
    assert (entry.moderator, entry.action, entry.new_status) == (None, "auto_hide", "hidden")
    assert refresh(comment).status == ContentStatus.HIDDEN
    # The automatic hide does not decide the queue item: a moderator still has to.
    assert refresh(item).decided_at is None


def test_reverse(comment, mod, second_mod):
    removal = execute(RemoveAction(mod, comment, public_reason="Abuse."))
    entry = execute(ReverseAction(second_mod, removal, "It was a quote."))
    assert refresh(comment).status == ContentStatus.PUBLISHED
    assert (entry.action, entry.old_status, entry.new_status) == ("reverse", "removed", "published")
    # The content is no longer as the removal left it: nothing to reverse automatically.
    refused(ReverseAction(second_mod, removal, "Again."), "changed_since")
