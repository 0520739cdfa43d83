"""Writes to the forums: threads, posts, fact-checks, helpful marks, thread settings.

Views, the API and consumers all call these, so they validate and behave the same way.
Each write happens in one transaction with its participation record
(`forum:<id>` in the ledger); live updates to `forum_thread_group(...)` are registered
to go out only after it commits (`broadcast_after_commit`). Every refusal is a
translated `ValidationError` with a `code`, and nothing is half-saved.

Before any resident writes: the moderation checks (`engage.moderation.services.
check_can_post`, which refuses suspended and banned accounts and says until when), the
rate limit (`engage.ratelimit.check_rate("forum_post", ...)`, raising `RateLimited`),
the forum's posting guidelines (accepted once per forum, recorded) and the thread's
slow mode. The same text sent twice by the same person in the same thread within
`FORUM_DUPLICATE_WINDOW_SECONDS`, or the same form sent twice (its token), gives back
the post already made instead of a second one.
"""

import datetime
import hashlib
import math
import uuid
from urllib.parse import urlsplit

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage import ratelimit
from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from engage.moderation import services as moderation
from engage.moderation.content import ContentStatus, ModerationMode
from engage.moderation.text import clean_comment_text, clean_language
from engage.realtime.broadcast import broadcast_after_commit, send_now
from engage.realtime.groups import forum_thread_group

from .blockers import BLOCKER_MESSAGES
from .models import (
    FactCheck,
    FactCheckRevision,
    GuidelinesAcceptance,
    HelpfulMark,
    Post,
    PostRevision,
    Thread,
    ThreadKind,
    Verdict,
)
from .rules import PostBlocker, reply_blocker, start_thread_blocker

# The wording of clean_comment_text's errors, for forum posts: same checks, same codes.
TEXT_MESSAGES = {
    "invalid_characters": _(
        "Your post contains characters we cannot store, such as control characters. "
        "Please retype it or paste it as plain text."
    ),
    "empty": _("Please write your post before sending it."),
    "too_long": _(
        "Your post is %(length)s characters long. Please shorten it to %(limit)s "
        "characters or fewer."
    ),
    "too_many_links": _(
        "Your post has %(count)s links. Please keep it to %(limit)s links or fewer."
    ),
}


def clean_post_text(text):
    """`clean_comment_text` with the messages worded for forum posts."""
    try:
        return clean_comment_text(text)
    except ValidationError as error:
        message = TEXT_MESSAGES.get(error.code)
        if message is None:
            raise
        raise ValidationError(message, code=error.code, params=error.params) from None


def forum_scope(forum_or_id):
    return Scope.of("forum", getattr(forum_or_id, "pk", forum_or_id))


# --- checks shared by every resident write -------------------------------------------


def check_rate(user, address=None):
    """Count a forum post; raise `engage.ratelimit.RateLimited` when `user` posts too fast."""
    ratelimit.check_rate("forum_post", user=user, address=address)


def initial_status(user, forum):
    """What moderation says new content by `user` in `forum` starts as."""
    return moderation.initial_status(
        user, pre_moderated=forum.moderation_mode == ModerationMode.PRE
    )


def has_accepted_guidelines(user, forum):
    if not forum.posting_guidelines:
        return True
    return GuidelinesAcceptance.objects.filter(forum=forum, user=user).exists()


def _accept_or_require_guidelines(user, forum, accept_guidelines):
    if has_accepted_guidelines(user, forum):
        return
    if not accept_guidelines:
        raise ValidationError(
            _(
                "Please read the posting guidelines and tick the box to accept them before "
                "your first post in this forum."
            ),
            code="guidelines",
        )
    GuidelinesAcceptance.objects.get_or_create(forum=forum, user=user)


def _is_forum_staff(user):
    return rules.test_rule("forums.moderate_thread", user)


def _check_slow_mode(user, thread, moment):
    if not thread.slow_mode_minutes or _is_forum_staff(user):
        return
    since = moment - datetime.timedelta(minutes=thread.slow_mode_minutes)
    last = (
        Post.objects.filter(thread=thread, author=user, created_at__gt=since)
        .exclude(status=ContentStatus.WITHDRAWN)
        .aggregate(last=models.Max("created_at"))["last"]
    )
    if thread.author_id == user.pk and thread.created_at > since:
        last = max(filter(None, [last, thread.created_at]))
    if last is None:
        return
    wait = last + datetime.timedelta(minutes=thread.slow_mode_minutes) - moment
    raise ValidationError(
        _(
            "This thread is in slow mode: one post every %(minutes)s minutes per person, "
            "to give everyone time to read. You can post again in %(wait)s minutes."
        ),
        code="slow_mode",
        params={
            "minutes": thread.slow_mode_minutes,
            "wait": max(1, math.ceil(wait.total_seconds() / 60)),
        },
    )


def body_hash(text):
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def _token(value):
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# --- payloads (docs/websockets.md) ----------------------------------------------------


def post_payload(post):
    """What live thread pages hear about a post."""
    return {
        "id": post.pk,
        "thread_id": post.thread_id,
        "author": str(post.author_name),
        "body_html": post.body_html,
        "language": post.language,
        "created_at": post.created_at.isoformat(),
        "edited": post.edited_at is not None,
        "follow_up_to": post.follow_up_to_id,
    }


def fact_check_payload(fact_check):
    revision = fact_check.published_revision
    return {
        "id": fact_check.pk,
        "thread_id": fact_check.thread_id,
        "verdict": revision.verdict,
        "verdict_label": str(Verdict(revision.verdict).label),
        "body_html": revision.body_html,
        "sources": revision.sources,
        "author": str(revision.author_name),
        "reviewer": str(revision.reviewer_name),
        "published_at": revision.published_at.isoformat(),
        "revision": revision.number,
    }


def thread_payload(thread):
    return {
        "id": thread.pk,
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "slow_mode_minutes": thread.slow_mode_minutes,
    }


# --- threads and posts -----------------------------------------------------------------


def start_thread(
    user,
    forum,
    *,
    title,
    text,
    language=None,
    kind=ThreadKind.DISCUSSION,
    topic=None,
    heard_where="",
    accept_guidelines=False,
    token=None,
    address=None,
):
    """Open a thread (a discussion, or a claim with where it was heard) in `forum`.

    Returns the thread; `thread.was_duplicate` is True when the same form was sent again
    and the thread it made is given back instead.
    """
    blocker = start_thread_blocker(user, forum)
    if blocker is not None:
        raise ValidationError(BLOCKER_MESSAGES[blocker], code=blocker)
    moderation.check_can_post(user)
    token = _token(token)
    if token is not None:
        existing = Thread.objects.filter(author=user, client_token=token).first()
        if existing is not None:
            existing.was_duplicate = True
            return existing
    if kind not in ThreadKind.values:
        raise ValidationError(_("Please choose a discussion or a claim."), code="bad_kind")
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(
            _("Please give your thread a title: one short sentence."), code="empty_title"
        )
    if len(title) > 200:
        raise ValidationError(
            _("Please keep the title to %(limit)s characters or fewer."),
            code="title_too_long",
            params={"limit": 200},
        )
    heard_where = " ".join((heard_where or "").split())[:200] if kind == ThreadKind.CLAIM else ""
    if topic is not None and topic.forum_id != forum.pk:
        raise ValidationError(
            _("That topic belongs to another forum. Please choose one of this forum's topics."),
            code="wrong_topic",
        )
    text, html = clean_post_text(text)
    language = clean_language(language)
    check_rate(user, address)
    status = initial_status(user, forum)
    action = Action.CLAIMED if kind == ThreadKind.CLAIM else Action.POSTED
    try:
        with transaction.atomic():
            _accept_or_require_guidelines(user, forum, accept_guidelines)
            thread = Thread.objects.create(
                forum=forum,
                topic=topic,
                kind=kind,
                title=title,
                heard_where=heard_where,
                author=user,
                body_text=text,
                body_html=html,
                language=language,
                status=status,
                client_token=token,
            )
            record_participation(user, action, forum_scope(forum))
            moderation.content_created(thread)
    except IntegrityError:
        existing = Thread.objects.filter(author=user, client_token=token).first()
        if token is None or existing is None:
            raise
        existing.was_duplicate = True
        return existing
    thread.was_duplicate = False
    return thread


def post_reply(
    user,
    thread,
    text,
    *,
    language=None,
    follow_up_to=None,
    accept_guidelines=False,
    token=None,
    address=None,
):
    """Post `text` as `user`'s reply in `thread` (a follow-up question when
    `follow_up_to` names one of its published fact-checks).

    Pending in a pre-moderated forum, published at once otherwise. Returns the post;
    `post.was_duplicate` is True when it had already been posted (see the module
    docstring). Raises ValidationError, saving nothing, when anything is wrong.
    """
    blocker = reply_blocker(user, thread)
    if blocker is not None:
        raise ValidationError(BLOCKER_MESSAGES[blocker], code=blocker)
    moderation.check_can_post(user)
    if follow_up_to is not None and (
        follow_up_to.thread_id != thread.pk
        or not rules.test_rule("forums.mark_helpful", user, follow_up_to)
    ):
        raise ValidationError(
            _("You can only ask a follow-up about a published fact-check in this thread."),
            code="wrong_fact_check",
        )
    text, html = clean_post_text(text)
    language = clean_language(language)
    token = _token(token)
    digest = body_hash(text)
    forum = thread.forum
    try:
        with transaction.atomic():
            # One writer per thread at a time: the duplicate and slow-mode checks below
            # then see every post committed before this one.
            thread = (
                Thread.objects.select_for_update(of=("self",))
                .select_related("forum")
                .get(pk=thread.pk)
            )
            now = timezone.now()
            duplicate = _duplicate_post(user, thread, token, digest, now)
            if duplicate is not None:
                duplicate.was_duplicate = True
                return duplicate
            if thread.is_locked:
                raise ValidationError(BLOCKER_MESSAGES[PostBlocker.LOCKED], code="locked")
            _check_slow_mode(user, thread, now)
            check_rate(user, address)
            _accept_or_require_guidelines(user, forum, accept_guidelines)
            status = initial_status(user, forum)
            post = Post.objects.create(
                thread=thread,
                author=user,
                body_text=text,
                body_html=html,
                body_hash=digest,
                language=language,
                status=status,
                follow_up_to=follow_up_to,
                client_token=token,
                created_at=now,
            )
            if status == ContentStatus.PUBLISHED:
                Thread.objects.filter(pk=thread.pk).update(last_activity_at=now)
            record_participation(user, Action.POSTED, forum_scope(forum))
            moderation.content_created(post)
            if status == ContentStatus.PUBLISHED:
                broadcast_after_commit(
                    forum_thread_group(thread.pk), "post.created", post_payload(post)
                )
    except IntegrityError:
        existing = Post.objects.filter(author=user, client_token=token).first()
        if token is None or existing is None:
            raise
        existing.was_duplicate = True
        return existing
    post.was_duplicate = False
    return post


def _duplicate_post(user, thread, token, digest, now):
    if token is not None:
        existing = Post.objects.filter(author=user, client_token=token).first()
        if existing is not None:
            return existing
    window = datetime.timedelta(seconds=settings.FORUM_DUPLICATE_WINDOW_SECONDS)
    return (
        Post.objects.filter(
            thread=thread, author=user, body_hash=digest, created_at__gte=now - window
        )
        .exclude(status=ContentStatus.WITHDRAWN)
        .order_by("-created_at")
        .first()
    )


def _check_author(user, content):
    if not (user and user.is_authenticated and content.author_id == user.pk):
        raise ValidationError(_("You can only change your own posts."), code="not_author")


def _event_prefix(content):
    return "thread" if isinstance(content, Thread) else "post"


def _thread_id(content):
    return content.pk if isinstance(content, Thread) else content.thread_id


def edit_content(user, content, text):
    """Change the text of `user`'s own post (or thread opening) within the edit window.
    The earlier text is kept as a `PostRevision` and it shows as edited."""
    _check_author(user, content)
    if not rules.test_rule("forums.edit_post", user, content):
        raise ValidationError(
            _("This thread is locked or closed, so its posts can no longer be changed."),
            code="cannot_edit",
        )
    if not content.can_still_edit():
        raise ValidationError(
            _(
                "Posts can only be edited for %(minutes)s minutes after posting. You can "
                "withdraw it and post a new one instead."
            ),
            code="edit_window_closed",
            params={"minutes": settings.COMMENT_EDIT_MINUTES},
        )
    moderation.check_can_post(user)
    text, html = clean_post_text(text)
    with transaction.atomic():
        owner = {"thread": content} if isinstance(content, Thread) else {"post": content}
        PostRevision.objects.create(
            body_text=content.body_text, body_html=content.body_html, **owner
        )
        content.body_text, content.body_html = text, html
        content.edited_at = timezone.now()
        fields = ["body_text", "body_html", "edited_at"]
        if isinstance(content, Post):
            content.body_hash = body_hash(text)
            fields.append("body_hash")
        content.save(update_fields=fields)
        moderation.content_edited(content)
        if content.status == ContentStatus.PUBLISHED and isinstance(content, Post):
            broadcast_after_commit(
                forum_thread_group(content.thread_id), "post.edited", post_payload(content)
            )
    return content


def withdraw_content(user, content):
    """Withdraw `user`'s own post or thread opening: its text and earlier versions are
    deleted and a placeholder takes its place. Allowed at any time."""
    _check_author(user, content)
    if content.status == ContentStatus.WITHDRAWN:
        return content
    was_published = content.status == ContentStatus.PUBLISHED
    with transaction.atomic():
        content.revisions.all().delete()
        content.status = ContentStatus.WITHDRAWN
        content.body_text = content.body_html = ""
        content.withdrawn_at = timezone.now()
        content.save(update_fields=["status", "body_text", "body_html", "withdrawn_at"])
        moderation.content_withdrawn(content)
        if was_published:
            broadcast_after_commit(
                forum_thread_group(_thread_id(content)),
                f"{_event_prefix(content)}.withdrawn",
                {"id": content.pk, "thread_id": _thread_id(content)},
            )
    return content


# --- fact-checks -----------------------------------------------------------------------


def clean_sources(sources):
    """A list of `{"title", "url"}` with http(s) URLs, or ValidationError saying which."""
    cleaned = []
    for number, source in enumerate(sources or [], start=1):
        title = " ".join(str(source.get("title") or "").split())[:200]
        url = str(source.get("url") or "").strip()
        if not title and not url:
            continue
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > 500:
            raise ValidationError(
                _(
                    "Source %(number)s: “%(url)s” is not a web address. Give an address "
                    "starting with https:// or http://."
                ),
                code="bad_source_url",
                params={"number": number, "url": url[:80]},
            )
        if not title:
            raise ValidationError(
                _("Source %(number)s needs a title: what it is and who published it."),
                code="source_title",
                params={"number": number},
            )
        cleaned.append({"title": title, "url": url})
    if not cleaned:
        raise ValidationError(
            _("Please give at least one source, so readers can check the facts themselves."),
            code="no_sources",
        )
    if len(cleaned) > settings.FORUM_FACT_CHECK_MAX_SOURCES:
        raise ValidationError(
            _("Please give %(limit)s sources or fewer: the most important ones."),
            code="too_many_sources",
            params={"limit": settings.FORUM_FACT_CHECK_MAX_SOURCES},
        )
    return cleaned


def _clean_verdict(verdict):
    if verdict not in Verdict.values:
        raise ValidationError(
            _("Please choose a verdict: accurate, misleading, false, unproven or needs context."),
            code="bad_verdict",
        )
    return verdict


def write_fact_check(user, thread, *, verdict, text, sources, language=None):
    """A fact-checker answers a claim. It waits for a second reviewer before the public
    sees it (`publish_fact_check`)."""
    if not rules.test_rule("forums.write_fact_check", user, thread):
        raise ValidationError(
            _(
                "Only community leaders, city staff and partner organisations can write "
                "fact-checks, and only on published claims."
            ),
            code="not_fact_checker",
        )
    moderation.check_can_post(user)
    verdict = _clean_verdict(verdict)
    text, html = clean_post_text(text)
    sources = clean_sources(sources)
    language = clean_language(language)
    with transaction.atomic():
        fact_check = FactCheck.objects.create(
            thread=thread,
            author=user,
            verdict=verdict,
            body_text=text,
            body_html=html,
            language=language,
            status=ContentStatus.PUBLISHED,
        )
        revision = FactCheckRevision.objects.create(
            fact_check=fact_check,
            number=1,
            author=user,
            verdict=verdict,
            body_text=text,
            body_html=html,
            sources=sources,
        )
        fact_check.latest_revision = revision
        fact_check.save(update_fields=["latest_revision"])
        record_participation(user, Action.FACT_CHECKED, forum_scope(thread.forum_id))
        moderation.content_created(fact_check)
    return fact_check


def revise_fact_check(user, fact_check, *, verdict, text, sources):
    """A new revision of a fact-check (the earlier ones are kept). It waits for a second
    reviewer; meanwhile the public keeps seeing the last published revision."""
    if not rules.test_rule("forums.revise_fact_check", user, fact_check):
        raise ValidationError(
            _(
                "Only community leaders, city staff and partner organisations can revise fact-checks."
            ),
            code="not_fact_checker",
        )
    moderation.check_can_post(user)
    verdict = _clean_verdict(verdict)
    text, html = clean_post_text(text)
    sources = clean_sources(sources)
    with transaction.atomic():
        fact_check = FactCheck.objects.select_for_update().get(pk=fact_check.pk)
        number = (fact_check.revisions.aggregate(n=models.Max("number"))["n"] or 0) + 1
        revision = FactCheckRevision.objects.create(
            fact_check=fact_check,
            number=number,
            author=user,
            verdict=verdict,
            body_text=text,
            body_html=html,
            sources=sources,
        )
        # The fact-check's own text stays the published revision's (the public, the
        # moderation queue and redactions see that); `publish_fact_check` copies it over.
        fact_check.latest_revision = revision
        fields = ["latest_revision"]
        if fact_check.published_revision_id is None:
            fact_check.verdict, fact_check.body_text, fact_check.body_html = verdict, text, html
            fact_check.edited_at = timezone.now()
            fields += ["verdict", "body_text", "body_html", "edited_at"]
        fact_check.save(update_fields=fields)
        if fact_check.published_revision_id is None:
            moderation.content_edited(fact_check)
        record_participation(user, Action.FACT_CHECKED, forum_scope(fact_check.thread.forum_id))
    return fact_check


def _check_may_review(user, fact_check):
    if rules.test_rule("forums.review_fact_check", user, fact_check):
        return
    if fact_check.is_awaiting_review and rules.test_rule(
        "forums.revise_fact_check", user, fact_check
    ):
        raise ValidationError(
            _(
                "A fact-check needs a second reviewer: someone other than the person "
                "who wrote it must publish it."
            ),
            code="same_reviewer",
        )
    raise ValidationError(
        _("This fact-check cannot be published by you, or has been published already."),
        code="cannot_review",
    )


def publish_fact_check(user, fact_check):
    """A second reviewer publishes the newest revision: the claim shows its verdict.

    The checks run on the row as locked, so a stale `fact_check` (revised or published
    by someone else meanwhile) cannot publish the wrong revision, or twice."""
    moderation.check_can_post(user)
    now = timezone.now()
    with transaction.atomic():
        fact_check = (
            FactCheck.objects.select_for_update(of=("self",))
            .select_related("latest_revision", "thread", "thread__forum")
            .get(pk=fact_check.pk)
        )
        # Again under the lock: someone may have published or revised it meanwhile.
        _check_may_review(user, fact_check)
        revision = fact_check.latest_revision
        revision.reviewed_by, revision.published_at = user, now
        revision.save(update_fields=["reviewed_by", "published_at"])
        fact_check.published_revision = revision
        fact_check.verdict = revision.verdict
        fact_check.body_text, fact_check.body_html = revision.body_text, revision.body_html
        fields = ["published_revision", "verdict", "body_text", "body_html"]
        if revision.number > 1:
            fact_check.edited_at = now
            fields.append("edited_at")
        fact_check.save(update_fields=fields)
        moderation.content_edited(fact_check)
        Thread.objects.filter(pk=fact_check.thread_id).update(last_activity_at=now)
        refresh_verdict(fact_check.thread)
        record_participation(user, Action.FACT_CHECKED, forum_scope(fact_check.thread.forum_id))
        if fact_check.status == ContentStatus.PUBLISHED:
            broadcast_after_commit(
                forum_thread_group(fact_check.thread_id),
                "factcheck.published",
                fact_check_payload(fact_check),
            )
    return fact_check


def refresh_verdict(thread):
    """Set `thread.verdict` to the verdict of its newest published fact-check that is not
    hidden or removed (none if there is no such fact-check)."""
    newest = (
        FactCheck.objects.filter(
            thread_id=thread.pk,
            status=ContentStatus.PUBLISHED,
            published_revision__isnull=False,
        )
        .select_related("published_revision")
        .order_by("-published_revision__published_at", "-pk")
        .first()
    )
    if newest is None:
        verdict, verdict_at = "", None
    else:
        verdict = newest.published_revision.verdict
        verdict_at = newest.published_revision.published_at
    Thread.objects.filter(pk=thread.pk).update(verdict=verdict, verdict_at=verdict_at)
    thread.verdict, thread.verdict_at = verdict, verdict_at
    return verdict


def mark_helpful(user, fact_check):
    """`user` found a published fact-check helpful (once; marking again changes nothing)."""
    if not rules.test_rule("forums.mark_helpful", user, fact_check):
        raise ValidationError(
            _("Please log in with a verified account to mark a published fact-check helpful."),
            code="cannot_mark",
        )
    with transaction.atomic():
        _mark, created = HelpfulMark.objects.get_or_create(fact_check=fact_check, user=user)
        if created:
            record_participation(user, Action.REACTED, forum_scope(fact_check.thread.forum_id))
    return created


# --- thread settings (moderators and staff) --------------------------------------------


def update_thread_settings(user, thread, *, is_locked=None, is_pinned=None, slow_mode_minutes=None):
    """Lock or unlock, pin or unpin, and set slow mode (0 turns it off); each change is
    written to the moderation audit trail (`moderation.record_setting_changes`)."""
    if not rules.test_rule("forums.moderate_thread", user, thread):
        raise ValidationError(
            _("Only moderators and city staff can change these thread settings."),
            code="not_moderator",
        )
    fields = []
    before = {
        "is_locked": thread.is_locked,
        "is_pinned": thread.is_pinned,
        "slow_mode_minutes": thread.slow_mode_minutes,
    }
    if is_locked is not None:
        thread.is_locked = bool(is_locked)
        fields.append("is_locked")
    if is_pinned is not None:
        thread.is_pinned = bool(is_pinned)
        fields.append("is_pinned")
    if slow_mode_minutes is not None:
        limit = settings.FORUM_SLOW_MODE_MAX_MINUTES
        if not 0 <= int(slow_mode_minutes) <= limit:
            raise ValidationError(
                _("Slow mode must be between 0 (off) and %(limit)s minutes."),
                code="bad_slow_mode",
                params={"limit": limit},
            )
        thread.slow_mode_minutes = int(slow_mode_minutes)
        fields.append("slow_mode_minutes")
    if fields:
        with transaction.atomic():
            thread.save(update_fields=fields)
            moderation.record_setting_changes(
                user,
                thread,
                {name: (before[name], getattr(thread, name)) for name in fields},
            )
            broadcast_after_commit(
                forum_thread_group(thread.pk), "thread.updated", thread_payload(thread)
            )
    return thread


# --- moderation decisions, told to live pages -----------------------------------------


def announce_moderation(sender=None, instance=None, old_status=None, new_status=None, **kwargs):
    """Receiver of `engage.moderation.signals.content_moderated` (sent after commit): tell
    the thread's open pages that a post, thread or fact-check was hidden, removed,
    restored or redacted."""
    if not isinstance(instance, Post | Thread | FactCheck):
        return
    if isinstance(instance, FactCheck):
        prefix, thread_id = "factcheck", instance.thread_id
        if old_status != new_status:
            refresh_verdict(instance.thread)
    else:
        prefix, thread_id = _event_prefix(instance), _thread_id(instance)
    group = forum_thread_group(thread_id)
    identity = {"id": instance.pk, "thread_id": thread_id}
    if new_status in (ContentStatus.HIDDEN, ContentStatus.REMOVED):
        # Only readers of published content have it on their page.
        if old_status == ContentStatus.PUBLISHED:
            send_now(group, f"{prefix}.{new_status}", identity)
    elif new_status == ContentStatus.PUBLISHED and isinstance(instance, Post):
        if old_status == ContentStatus.PENDING:
            event = "post.created"
        elif old_status == ContentStatus.PUBLISHED:
            event = "post.edited"  # redacted
        else:
            event = "post.restored"
        send_now(group, event, post_payload(instance))
    elif new_status == ContentStatus.PUBLISHED and old_status != new_status:
        send_now(group, f"{prefix}.restored", identity)
