"""Notifications: replies, closing soon, outcomes, the daily digest, each sent once, in
the recipient's language, with an unsubscribe link that works without logging in."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from consultations.following import services
from consultations.following.models import (
    Follow,
    Notification,
    NotificationKind,
    NotificationMode,
    NotificationStatus,
)
from consultations.following.tasks import daily_notifications_task
from consultations.models import CommentStatus
from consultations.services import post_comment
from tests.factories import FollowFactory, UserFactory, build_consultation

pytestmark = pytest.mark.django_db


def links_in(message):
    html = message.alternatives[0][0] if message.alternatives else ""
    return re.findall(r"https?://[^\s\"'<>]+", message.body + html)


def unsubscribe_path(message):
    [link] = {link for link in links_in(message) if "/unsubscribe/" in link}
    return link.removeprefix("http://testserver")


# --- replies ----------------------------------------------------------------------------


def test_reply_emails_the_parent_author_once_in_their_language(
    post_moderated, django_capture_on_commit_callbacks
):
    post_moderated.title_fr = "Bancs du parc"
    post_moderated.save_revision().publish()
    amina = UserFactory(preferred_language="fr", display_name="Amina")
    replier = UserFactory(display_name="Bilal")
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(amina, post_moderated, "More benches please.")
    assert mail.outbox == []  # a first-level comment notifies nobody
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_comment(replier, post_moderated, "Agreed, near the pond.", parent=parent)
    [message] = mail.outbox
    assert message.to == [amina.email]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Bilal" in message.subject
    assert "Bancs du parc" in message.body  # the title in the recipient's language
    assert "Agreed, near the pond." in message.body
    assert f"/fr/comments/{parent.pk}/replies/#comment-{reply.pk}" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert unsubscribe_path(message).startswith("/fr/accounts/notifications/unsubscribe/")
    assert replier.email not in message.body  # only public names

    # The same reply never notifies twice, whoever asks.
    assert services.reply_published(reply) is None
    assert len(mail.outbox) == 1


def test_replying_to_oneself_notifies_nobody(
    post_moderated, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(resident, post_moderated, "First thought.")
        post_comment(resident, post_moderated, "Second thought.", parent=parent)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_pending_reply_notifies_when_a_moderator_approves_it(
    post_moderated, consultation, django_capture_on_commit_callbacks
):
    from engage.moderation.signals import content_moderated

    author = UserFactory()
    # The consultation fixture is pre-moderated; publish the parent directly.
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(author, consultation, "Slow down the traffic.")
    parent.status = CommentStatus.PUBLISHED
    parent.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_comment(UserFactory(), consultation, "Speed bumps?", parent=parent)
    assert reply.status == CommentStatus.PENDING
    assert mail.outbox == []

    reply.status = CommentStatus.PUBLISHED
    reply.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):  # sent twice by mistake: still one email
            content_moderated.send(
                sender=type(reply),
                instance=reply,
                action=None,
                old_status=CommentStatus.PENDING,
                new_status=CommentStatus.PUBLISHED,
            )
    [message] = mail.outbox
    assert message.to == [author.email]


def test_hiding_a_reply_does_not_notify(consultation, django_capture_on_commit_callbacks):
    from engage.moderation.signals import content_moderated

    author = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(author, consultation, "Slow down the traffic.")
    parent.status = CommentStatus.PUBLISHED
    parent.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_comment(UserFactory(), consultation, "Nonsense.", parent=parent)
    with django_capture_on_commit_callbacks(execute=True):
        content_moderated.send(
            sender=type(reply),
            instance=reply,
            action=None,
            old_status=CommentStatus.PENDING,
            new_status=CommentStatus.HIDDEN,
        )
    assert mail.outbox == []


# --- following on commenting ----------------------------------------------------------


def test_commenting_follows_the_consultation(post_moderated, resident):
    post_comment(resident, post_moderated, "Hello.")
    post_comment(resident, post_moderated, "Hello again.")
    assert Follow.objects.filter(user=resident, consultation=post_moderated).count() == 1


def test_commenting_does_not_follow_when_turned_off(post_moderated, resident, settings):
    services.save_preferences(
        resident, mode=NotificationMode.IMMEDIATE, follow_when_commenting=False
    )
    post_comment(resident, post_moderated, "Hello.")
    assert not Follow.objects.exists()
    services.save_preferences(
        resident, mode=NotificationMode.IMMEDIATE, follow_when_commenting=True
    )
    settings.FOLLOWING_FOLLOW_ON_COMMENT = False
    post_comment(resident, post_moderated, "Hello.")
    assert not Follow.objects.exists()


# --- closing soon, outcomes, digest ------------------------------------------------------


@pytest.fixture
def closing(consultation_index):
    return build_consultation(
        consultation_index,
        title="Bus routes",
        slug="bus-routes",
        opens_in_days=-20,
        closes_in_days=2,
    )


def test_closing_soon_reaches_each_follower_once_as_they_chose(
    closing, consultation, immediate, daily, off, django_capture_on_commit_callbacks
):
    for person in (immediate, daily, off):
        services.follow(person, closing)
    not_following = UserFactory()
    services.follow(not_following, consultation)  # closes in 21 days: not yet

    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_closing_soon() == 3
    [message] = mail.outbox
    assert message.to == [immediate.email]
    assert "Bus routes" in message.subject
    statuses = dict(Notification.objects.values_list("user_id", "status"))
    assert statuses == {
        immediate.pk: NotificationStatus.SENT,
        daily.pk: NotificationStatus.PENDING,
        off.pk: NotificationStatus.SKIPPED,
    }

    # The daily task again (tomorrow, or a second worker): nobody hears twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_closing_soon() == 0
    assert len(mail.outbox) == 1


def test_daily_digest_collects_pending_notifications_once(
    closing, daily, post_moderated, django_capture_on_commit_callbacks
):
    services.follow(daily, closing)
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(daily, post_moderated, "My view.")
        post_comment(UserFactory(display_name="Chen"), post_moderated, "Mine too.", parent=parent)
        services.notify_closing_soon()
    assert mail.outbox == []  # all waiting for the digest
    assert Notification.objects.pending().filter(user=daily).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests() == 1
    [digest] = mail.outbox
    assert digest.to == [daily.email]
    assert "2 new items" in digest.subject
    assert "Chen replied to your comment" in digest.body
    assert "Bus routes" in digest.body
    assert unsubscribe_path(digest)
    assert not Notification.objects.pending().exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_digest_skips_people_who_turned_emails_off(
    closing, daily, django_capture_on_commit_callbacks
):
    services.follow(daily, closing)
    services.notify_closing_soon()
    services.save_preferences(daily, mode=NotificationMode.OFF, follow_when_commenting=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.SKIPPED


def test_publishing_an_outcome_tells_followers_once(
    consultation_index, immediate, daily, django_capture_on_commit_callbacks
):
    page = build_consultation(
        consultation_index,
        title="Library hours",
        slug="library-hours",
        opens_in_days=-60,
        closes_in_days=-5,
    )
    services.follow(immediate, page)
    services.follow(daily, page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # no outcome yet
    assert mail.outbox == []

    page.outcome = "<p>Longer hours on Thursdays.</p>"
    page.outcome_published_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    [message] = mail.outbox
    assert message.to == [immediate.email]
    assert "Library hours" in message.subject
    assert page.outcome_url() in message.body

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # a correction: no second email
        services.notify_recent_outcomes()
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind=NotificationKind.OUTCOME).count() == 2


def test_a_scheduled_outcome_is_announced_by_the_daily_task(
    consultation_index, immediate, django_capture_on_commit_callbacks
):
    page = build_consultation(
        consultation_index,
        opens_in_days=-60,
        closes_in_days=-5,
        outcome="<p>Done.</p>",
        outcome_published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    services.follow(immediate, page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        services.notify_recent_outcomes()
    assert mail.outbox == []  # not public yet
    later = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_recent_outcomes(now=later) == 1
    assert len(mail.outbox) == 1


def test_daily_task_runs_closing_soon_then_the_digest(
    closing, daily, django_capture_on_commit_callbacks
):
    services.follow(daily, closing)
    with django_capture_on_commit_callbacks(execute=True):
        result = daily_notifications_task.enqueue()
    assert result.return_value == {"closing_soon": 1, "outcomes": 0, "digests": 1}
    [digest] = mail.outbox
    assert "Bus routes" in digest.body


def test_unfollowing_drops_pending_items(closing, daily):
    services.follow(daily, closing)
    services.notify_closing_soon()
    services.unfollow(daily, closing)
    assert not Follow.objects.exists()
    assert Notification.objects.get().status == NotificationStatus.SKIPPED


# --- unsubscribe -----------------------------------------------------------------------


def test_unsubscribe_link_works_without_logging_in(
    client, closing, immediate, django_capture_on_commit_callbacks
):
    services.follow(immediate, closing)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_closing_soon()
    path = unsubscribe_path(mail.outbox[0])

    confirm = client.get(path)  # a link scanner's GET changes nothing
    assert confirm.status_code == 200
    assert services.preference_for(immediate).mode == NotificationMode.IMMEDIATE
    assert b"<h1>" in confirm.content

    done = client.post(path)
    assert done.status_code == 200
    assert "You will not receive any more notification emails." in done.content.decode()
    assert services.preference_for(immediate).mode == NotificationMode.OFF


def test_forged_unsubscribe_token_is_refused(client, resident):
    token = services.unsubscribe_token(resident)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/en/accounts/notifications/unsubscribe/{forged}/")
    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.content.decode()
    assert services.preference_for(resident).mode == NotificationMode.IMMEDIATE


def test_approving_a_pending_reply_through_moderation_notifies(
    consultation, django_capture_on_commit_callbacks
):
    from engage.moderation.services import moderate
    from tests.factories import moderator, with_totp

    author = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(author, consultation, "Slow down the traffic.")
    parent.status = CommentStatus.PUBLISHED
    parent.save(update_fields=["status"])
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_comment(UserFactory(), consultation, "Speed bumps?", parent=parent)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderate(with_totp(moderator()), reply, "approve")
    assert [message.to for message in mail.outbox] == [[author.email]]


# --- stale notifications (review fixes) ---------------------------------------------------


def _daily_reply(daily, post_moderated, django_capture_on_commit_callbacks, text):
    with django_capture_on_commit_callbacks(execute=True):
        parent = post_comment(daily, post_moderated, "My view.")
        reply = post_comment(UserFactory(display_name="Chen"), post_moderated, text, parent=parent)
    assert reply.status == CommentStatus.PUBLISHED
    return reply


def test_hiding_a_reply_skips_its_pending_digest_item(
    daily, post_moderated, django_capture_on_commit_callbacks
):
    from engage.moderation.signals import content_moderated

    reply = _daily_reply(daily, post_moderated, django_capture_on_commit_callbacks, "Abusive words")
    reply.status = CommentStatus.HIDDEN
    reply.save(update_fields=["status"])
    content_moderated.send(
        sender=type(reply),
        instance=reply,
        action=None,
        old_status=CommentStatus.PUBLISHED,
        new_status=CommentStatus.HIDDEN,
    )
    assert Notification.objects.get().status == NotificationStatus.SKIPPED
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests() == 0
    assert mail.outbox == []


def test_digest_never_quotes_a_reply_that_is_no_longer_published(
    closing, daily, post_moderated, django_capture_on_commit_callbacks
):
    services.follow(daily, closing)
    reply = _daily_reply(daily, post_moderated, django_capture_on_commit_callbacks, "Abusive words")
    services.notify_closing_soon()
    # Removed without the signal (e.g. a bulk update): the digest still leaves it out.
    type(reply).objects.filter(pk=reply.pk).update(status=CommentStatus.HIDDEN)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests() == 1
    [digest] = mail.outbox
    assert "Bus routes" in digest.body
    assert "Abusive words" not in digest.body
    assert "Chen" not in digest.body
    assert not Notification.objects.pending().exists()
    reply_row = Notification.objects.get(kind=NotificationKind.REPLY)
    assert reply_row.status == NotificationStatus.SKIPPED


def test_item_context_leaves_out_unpublished_replies(
    daily, post_moderated, django_capture_on_commit_callbacks
):
    reply = _daily_reply(daily, post_moderated, django_capture_on_commit_callbacks, "Abusive words")
    type(reply).objects.filter(pk=reply.pk).update(status=CommentStatus.HIDDEN)
    item = services.item_context(Notification.objects.get())
    assert "reply_excerpt" not in item
    assert "reply_author" not in item


def test_an_outcome_published_long_before_closing_is_announced_after_closing(
    consultation_index, immediate, django_capture_on_commit_callbacks
):
    now = timezone.now()
    page = build_consultation(
        consultation_index,
        opens_in_days=-60,
        closes_in_days=-1,
        outcome="<p>Done.</p>",
        outcome_published_at=now - datetime.timedelta(days=20),
    )
    services.follow(immediate, page)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify_recent_outcomes(now=now) == 1
    assert len(mail.outbox) == 1


def test_unpublished_consultations_notify_nobody(
    closing, daily, immediate, django_capture_on_commit_callbacks
):
    services.follow(daily, closing)
    services.notify_closing_soon()
    closing.unpublish()
    FollowFactory(user=immediate, consultation=closing)  # followed while live
    assert services.notify_followers(closing, NotificationKind.CLOSING_SOON) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests() == 0
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.SKIPPED
