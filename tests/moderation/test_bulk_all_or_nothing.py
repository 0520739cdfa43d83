"""Bulk moderation is one transaction: every ticked item is decided, or none is.

(Issue 10: on the SQLite demo a bulk approve of four comments answered 500 and applied
three of them.)
"""

import pytest
from django.core import mail
from django.urls import reverse

from consultations.models import Comment
from engage.moderation import queue, services
from engage.moderation.content import ContentStatus
from engage.moderation.models import ActionKind, ModerationAction, QueueItem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(consultation):
    """Four comments by residents waiting in the queue, then one by `mod` (in the middle
    of the ticked items, so items before and after it are decided in the same run)."""
    from consultations.services import post_comment

    def make(mod):
        comments = [post_comment(UserFactory(), consultation, f"Waiting {n}") for n in range(2)]
        own = post_comment(mod, consultation, "The moderator's own comment")
        # Published at once (moderators are trusted); a report puts it in the queue.
        services.flag_content(own, "spam")
        comments.append(own)
        comments += [post_comment(UserFactory(), consultation, f"Waiting {n}") for n in (2, 3)]
        return comments

    return make


def statuses(comments):
    return [Comment.objects.get(pk=comment.pk).status for comment in comments]


def test_one_failing_item_rolls_back_the_whole_bulk_approve(
    client, mod, waiting, django_capture_on_commit_callbacks
):
    comments = waiting(mod)
    before = statuses(comments)
    assert (
        before
        == [ContentStatus.PENDING] * 2 + [ContentStatus.PUBLISHED] + [ContentStatus.PENDING] * 2
    )
    ids = list(QueueItem.objects.open().values_list("pk", flat=True))
    assert len(ids) == 5
    client.force_login(mod)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("engage_moderation:bulk"), {"items": ids, "action": "approve"}, follow=True
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was changed: 1 of the ticked items could not be decided" in page
    assert "items decided" not in page
    assert statuses(comments) == before
    assert QueueItem.objects.open().count() == 5
    assert not ModerationAction.objects.exists()
    # No after-commit step of the undone decisions ran (broadcasts, author emails).
    assert callbacks == [] and mail.outbox == []


def test_bulk_approve_without_the_failing_item_decides_every_item(client, mod, waiting):
    comments = waiting(mod)
    own = comments.pop(2)
    ids = list(QueueItem.objects.open().exclude(object_id=own.pk).values_list("pk", flat=True))
    client.force_login(mod)
    response = client.post(
        reverse("engage_moderation:bulk"), {"items": ids, "action": "approve"}, follow=True
    )
    assert "4 items decided" in response.content.decode()
    assert statuses(comments) == [ContentStatus.PUBLISHED] * 4
    assert (
        list(ModerationAction.objects.values_list("action", "moderator"))
        == [(ActionKind.APPROVE, mod.pk)] * 4
    )
    assert list(QueueItem.objects.open().values_list("object_id", flat=True)) == [own.pk]


def test_every_failure_is_reported_and_nothing_is_kept(mod, waiting):
    comments = waiting(mod)
    gone = comments[-1]
    items = list(QueueItem.objects.open().order_by("pk"))
    queue.attach_content(items)
    targets = [item.current for item in items]
    Comment.objects.filter(pk=gone.pk).delete()

    result = services.bulk_moderate(mod, targets, ActionKind.APPROVE)

    assert result.done == [] and result.undone == 3
    assert [error.code for _item, error in result.failed] == ["own_content", "not_found"]
    assert statuses(comments[:-1]) == [ContentStatus.PENDING] * 2 + [ContentStatus.PUBLISHED] + [
        ContentStatus.PENDING
    ]
    assert not ModerationAction.objects.exists()
