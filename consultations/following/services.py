"""Writes for following and notifications; views, signals and tasks all call these.

How a notification travels:

1. Something happens: a reply to someone's comment is published (`reply_published`,
   called by `consultations.services.post_comment` through `comment_posted`, or by the
   moderation signal when a pending reply is approved), a followed consultation is about
   to close (`notify_closing_soon`, daily), or its outcome is published
   (`notify_outcome_published`, on publishing the page and daily).
2. `notify()` writes one `Notification` row whose unique `key` names the event and the
   person, so nothing is ever sent twice, whoever calls it and however often.
3. The person's `NotificationPreference` decides the rest: *immediate* sends the email
   after the transaction commits (`engage.tasks.send_email_in_language`, in the
   recipient's language); *daily* leaves the row pending for `send_daily_digests`;
   *off* marks it skipped.

Every email carries a link to the notification settings and a signed unsubscribe link
that works without logging in (`unsubscribe_url`).
"""

import datetime
import logging

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely
from engage.links import absolute_url
from engage.tasks import language_for, send_email_in_language

from .models import (
    Follow,
    Notification,
    NotificationKind,
    NotificationMode,
    NotificationPreference,
    NotificationStatus,
)
from .rules import FOLLOW_CONSULTATION

logger = logging.getLogger("engage.following")

UNSUBSCRIBE_SALT = "engage.following.unsubscribe"
EMAIL_TEMPLATES = "following/email/{name}_{part}"
# Outcomes published this many days ago or less are still announced by the daily sweep
# (an outcome can be scheduled: `outcome_published_at` in the future when published).
OUTCOME_SWEEP_DAYS = 7
#: Followers notified per batch (one INSERT and one preference query each).
FOLLOWER_BATCH = 500
#: What a new notification's status is, for each way of hearing about updates.
MODE_STATUS = {
    NotificationMode.IMMEDIATE: NotificationStatus.SENT,
    NotificationMode.DAILY: NotificationStatus.PENDING,
    NotificationMode.OFF: NotificationStatus.SKIPPED,
}


# --- preferences -------------------------------------------------------------------------


def preference_for(user):
    """`user`'s notification settings; unsaved defaults when they never chose."""
    preference = NotificationPreference.objects.filter(user_id=user.pk).first()
    return preference or NotificationPreference(user_id=user.pk)


def save_preferences(user, *, mode, follow_when_commenting):
    """Store how `user` wants to hear about updates."""
    if mode not in NotificationMode.values:
        raise ValidationError(_("Choose how you want to hear about updates."), code="invalid_mode")
    preference, _created = NotificationPreference.objects.update_or_create(
        user_id=user.pk,
        defaults={"mode": mode, "follow_when_commenting": bool(follow_when_commenting)},
    )
    return preference


def unsubscribe_token(user):
    """A signed token naming `user`, for the unsubscribe link in every email."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe_token(token):
    """The person an unsubscribe token names, or None if it is forged or they are gone."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def unsubscribe(user):
    """Turn every notification email off for `user` (the one-click unsubscribe)."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user_id=user.pk, defaults={"mode": NotificationMode.OFF}
    )
    Notification.objects.filter(user_id=user.pk).pending().update(status=NotificationStatus.SKIPPED)
    return preference


# --- following -------------------------------------------------------------------------


def is_following(user, consultation):
    return Follow.objects.of(user).for_consultation(consultation).exists()


def follow(user, consultation):
    """`user` follows `consultation` (again: nothing changes). Raises ValidationError
    when they may not: not logged in, email not verified, or the page not published."""
    if not rules.test_rule(FOLLOW_CONSULTATION, user, consultation):
        if not (user and user.is_authenticated):
            message = _("Please log in to follow this consultation.")
        elif not consultation.live:
            message = _("This consultation is not published, so it cannot be followed.")
        else:
            message = _("Please verify your email address first, so that we can send you updates.")
        raise ValidationError(message, code="may_not_follow")
    Follow.objects.bulk_create(
        [Follow(user=user, consultation_id=consultation.pk)], ignore_conflicts=True
    )


def unfollow(user, consultation):
    """Stop following `consultation`; pending digest items about it are dropped."""
    with transaction.atomic():
        Follow.objects.of(user).for_consultation(consultation).delete()
        Notification.objects.filter(
            user_id=user.pk,
            consultation_id=consultation.pk,
            kind__in=[NotificationKind.CLOSING_SOON, NotificationKind.OUTCOME],
        ).pending().update(status=NotificationStatus.SKIPPED)


def auto_follow_enabled(user):
    return settings.FOLLOWING_FOLLOW_ON_COMMENT and preference_for(user).follow_when_commenting


def comment_posted(comment):
    """Called by `consultations.services.post_comment` inside its transaction: the author
    follows the consultation (if they want to), and a published reply notifies the
    author of the comment it answers."""
    author = comment.author
    if author is not None and auto_follow_enabled(author):
        Follow.objects.bulk_create(
            [Follow(user=author, consultation_id=comment.consultation_id)],
            ignore_conflicts=True,
        )
    reply_published(comment)


def reply_published(comment):
    """Notify the author of `comment.parent` that `comment` (a published reply) answers
    them. Nothing for top-level comments, unpublished replies or replies to oneself."""
    from consultations.models import CommentStatus

    if comment.parent_id is None or comment.status != CommentStatus.PUBLISHED:
        return None
    parent = comment.parent
    if parent.author_id is None or parent.author_id == comment.author_id:
        return None
    return notify(
        parent.author,
        NotificationKind.REPLY,
        comment.consultation,
        comment=comment,
        key=f"reply:{comment.pk}",
    )


def on_content_moderated(sender, instance, action=None, old_status=None, new_status=None, **kw):
    """Receiver for `engage.moderation.signals.content_moderated`: a pending reply that
    a moderator approves now notifies the person it answers; a reply hidden or removed
    drops its pending (digest) notifications."""
    from consultations.models import Comment, CommentStatus

    if not isinstance(instance, Comment):
        return
    if new_status == CommentStatus.PUBLISHED:
        reply_published(instance)
    elif new_status is not None:
        # Hidden or removed: its text must not reach anyone's inbox later.
        Notification.objects.filter(comment_id=instance.pk).pending().update(
            status=NotificationStatus.SKIPPED
        )


# --- notifying -------------------------------------------------------------------------


def notify(user, kind, consultation, *, key, comment=None):
    """Record one notification for `user` and deliver it as their settings say.

    Returns the new `Notification`, or None when `key` was already notified (each event
    reaches each person once).
    """
    status = MODE_STATUS[preference_for(user).mode]
    now = timezone.now()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                kind=kind,
                consultation_id=consultation.pk,
                comment=comment,
                key=key,
                status=status,
                sent_at=now if status == NotificationStatus.SENT else None,
            )
    except IntegrityError:
        return None
    if status == NotificationStatus.SENT:
        email = immediate_email(notification)
        on_commit_safely(
            lambda: send_email_in_language.enqueue(*email[:3], **email[3]),
            f"{kind} notification email",
        )
    return notification


def followers(consultation):
    """Active people following `consultation`."""
    return (
        get_user_model()
        .objects.filter(follows__consultation_id=consultation.pk, is_active=True)
        .order_by("pk")
    )


def notify_followers(consultation, kind):
    """Notify every follower of `consultation` once about `kind`; returns how many were
    notified by this call. Run it in a task (`tasks.notify_followers_task`), never in a
    request: it works through the followers in batches of FOLLOWER_BATCH, a few queries
    per batch. Idempotent: a follower already notified about this event (same key) is
    skipped, so a rerun, or two workers at once, never email anyone twice."""
    if not consultation.live:
        return 0
    notified, after = 0, 0
    while True:
        batch = list(
            followers(consultation)
            .filter(pk__gt=after)
            .values_list("pk", "preferred_language")[:FOLLOWER_BATCH]
        )
        if not batch:
            return notified
        notified += _notify_batch(consultation, kind, batch)
        after = batch[-1][0]


def _notify_batch(consultation, kind, people):
    """One batch of `notify_followers`: `people` is [(user id, preferred language)].

    Writes the batch's notification rows with one INSERT … ON CONFLICT (key) DO NOTHING
    RETURNING: only the rows this call created come back, and only those are emailed
    (after commit, each in the person's language)."""
    user_ids = [user_id for user_id, _language in people]
    modes = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids).values_list("user_id", "mode")
    )
    now = timezone.now()
    rows = []
    for user_id in user_ids:
        status = MODE_STATUS[modes.get(user_id, NotificationMode.IMMEDIATE)]
        sent_at = now if status == NotificationStatus.SENT else None
        rows.append((user_id, kind, consultation.pk, f"{kind}:{consultation.pk}:{user_id}"))
        rows[-1] += (status, now, sent_at)
    table = Notification._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, kind, consultation_id, key, status, "  # noqa: S608
            f"created_at, sent_at) VALUES {values} ON CONFLICT (key) DO NOTHING "
            "RETURNING user_id, status",
            [value for row in rows for value in row],
        )
        created = cursor.fetchall()
        to_email = {user_id for user_id, status in created if status == NotificationStatus.SENT}
        languages = dict(people)
        items = {}  # what the email says, once per language
        for user_id in sorted(to_email):
            # Unsaved, only for its language and the unsubscribe link: no query.
            person = get_user_model()(pk=user_id, preferred_language=languages[user_id] or "")
            language = language_for(person)
            if language not in items:
                with translation.override(language):
                    items[language] = event_context(kind, consultation)
            _email_on_commit(person, kind, items[language])
    return len(created)


def _email_on_commit(person, kind, item):
    """Enqueue one notification email after commit (a failure to enqueue is logged);
    `send_email_in_language` renders it in the person's language."""
    user_id = person.pk
    context = {**item, "item": item, **email_links(person)}
    on_commit_safely(
        lambda: send_email_in_language.enqueue(
            user_id,
            EMAIL_TEMPLATES.format(name=kind, part="subject.txt"),
            EMAIL_TEMPLATES.format(name=kind, part="body.txt"),
            context,
            html_template=EMAIL_TEMPLATES.format(name=kind, part="body.html"),
        ),
        f"{kind} email to user {user_id}",
    )


def consultations_closing_soon(now=None):
    """Published consultations open now that close within CLOSING_SOON_DAYS days."""
    from consultations.models import ConsultationPage

    now = now or timezone.now()
    return (
        ConsultationPage.objects.live()
        .open(now)
        .filter(closes_at__lte=now + datetime.timedelta(days=settings.CLOSING_SOON_DAYS))
        .order_by("pk")
    )


def notify_closing_soon(now=None):
    """Tell followers of each consultation closing soon, once each. Returns the count."""
    return sum(
        notify_followers(consultation, NotificationKind.CLOSING_SOON)
        for consultation in consultations_closing_soon(now)
    )


def notify_outcome_published(consultation, now=None):
    """Tell followers that `consultation`'s outcome is out, once each, if it is."""
    from consultations.models import ConsultationStatus

    if not consultation.live or consultation.status_at(now) != ConsultationStatus.OUTCOME:
        return 0
    return notify_followers(consultation, NotificationKind.OUTCOME)


def notify_recent_outcomes(now=None):
    """Daily sweep for outcomes that became public since (scheduled publication)."""
    from consultations.models import ConsultationPage

    now = now or timezone.now()
    recent = (
        ConsultationPage.objects.live()
        .with_outcome(now)
        # An outcome published before closing becomes public at closing: count from
        # whichever comes later.
        .alias(announced_at=Greatest("outcome_published_at", "closes_at"))
        .filter(announced_at__gte=now - datetime.timedelta(days=OUTCOME_SWEEP_DAYS))
    )
    return sum(notify_outcome_published(consultation, now) for consultation in recent)


# --- emails ----------------------------------------------------------------------------


def absolute(url):
    """`url` on the site's public address (BASE_URL), for links in emails."""
    return absolute_url(url)


def email_links(user):
    """Links every email carries: settings and one-click unsubscribe (no log-in needed)."""
    return {
        "settings_url": absolute(reverse("following:settings")),
        "unsubscribe_url": absolute(
            reverse("following:unsubscribe", kwargs={"token": unsubscribe_token(user)})
        ),
        # following:unsubscribe takes a POST without a session or CSRF token.
        "unsubscribe_one_click": True,
    }


def still_worth_sending(notification):
    """False when a pending notification went stale: its consultation was unpublished,
    or the reply it is about is no longer published (hidden or removed)."""
    from consultations.models import CommentStatus

    if not notification.consultation.live:
        return False
    if notification.kind == NotificationKind.REPLY:
        reply = notification.comment
        return reply is not None and reply.status == CommentStatus.PUBLISHED
    return True


def item_context(notification):
    """What an email says about one notification, in the active language."""
    from consultations.models import CommentStatus

    item = event_context(notification.kind, notification.consultation)
    if notification.kind == NotificationKind.REPLY and notification.comment is not None:
        reply = notification.comment
        if reply.status != CommentStatus.PUBLISHED:
            return item  # hidden or removed since: never quote it
        item["reply_author"] = str(reply.author_name)
        item["reply_excerpt"] = Truncator(reply.body_text).words(40)
        item["reply_url"] = absolute(
            reverse("consultations:comment_replies", kwargs={"pk": reply.parent_id})
            + f"#comment-{reply.pk}"
        )
    return item


def event_context(kind, consultation):
    """What an email says about `kind` happening to `consultation` (not who reads it),
    in the active language: the same for every follower who reads that language."""
    consultation = consultation.specific
    item = {
        "kind": kind,
        "consultation_title": str(consultation.title),
        "consultation_url": absolute(consultation.get_url() or "/"),
    }
    if kind == NotificationKind.CLOSING_SOON:
        item["closes_at"] = formats.date_format(
            timezone.localtime(consultation.closes_at), "DATETIME_FORMAT"
        )
    elif kind == NotificationKind.OUTCOME:
        item["outcome_url"] = absolute(consultation.outcome_url())
    return item


def immediate_email(notification):
    """(user id, subject template, body template, {context, html_template}) for one."""
    user = notification.user
    with translation.override(language_for(user)):
        item = item_context(notification)
        context = {**item, "item": item, **email_links(user)}
    name = notification.kind
    return (
        user.pk,
        EMAIL_TEMPLATES.format(name=name, part="subject.txt"),
        EMAIL_TEMPLATES.format(name=name, part="body.txt"),
        {"context": context, "html_template": EMAIL_TEMPLATES.format(name=name, part="body.html")},
    )


def send_daily_digests():
    """Send each person their pending notifications in one email, then mark them sent.

    People who turned emails off have their pending rows skipped. Rows are locked
    (`skip_locked`) while a digest is built, so two workers never send the same row.
    Returns the number of digests sent.
    """
    sent = 0
    user_ids = (
        Notification.objects.pending().order_by().values_list("user_id", flat=True).distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            rows = list(
                Notification.objects.pending()
                .filter(user_id=user_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "consultation", "comment__author")
            )
            if not rows:
                continue
            user = rows[0].user
            if preference_for(user).mode == NotificationMode.OFF or not user.is_active:
                stale, rows = rows, []
            else:
                stale = [row for row in rows if not still_worth_sending(row)]
                rows = [row for row in rows if still_worth_sending(row)]
            if stale:
                Notification.objects.filter(pk__in=[row.pk for row in stale]).update(
                    status=NotificationStatus.SKIPPED
                )
            if not rows:
                continue
            ids = [row.pk for row in rows]
            with translation.override(language_for(user)):
                context = {"items": [item_context(row) for row in rows], **email_links(user)}
            Notification.objects.filter(pk__in=ids).update(
                status=NotificationStatus.SENT, sent_at=timezone.now()
            )
            on_commit_safely(
                lambda user_id=user_id, context=context: send_email_in_language.enqueue(
                    user_id,
                    EMAIL_TEMPLATES.format(name="digest", part="subject.txt"),
                    EMAIL_TEMPLATES.format(name="digest", part="body.txt"),
                    context,
                    html_template=EMAIL_TEMPLATES.format(name="digest", part="body.html"),
                ),
                "daily digest email",
            )
            sent += 1
    logger.info("Sent %s daily notification digests.", sent)
    return sent
