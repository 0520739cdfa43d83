"""Which comments each page of a consultation's threads shows, cached.

Working out a page of a thread means counting the visible first-level comments of every
proposal and sorting thousands of them to find the twenty newest: about 15 ms of SQL per
request at 10,000 comments. What that answers (the number of comments of the thread and
the ids on the requested page) changes only when a comment is written, so it is cached
here as a small *snapshot* per thread page, and the page then reads its twenty rows by
primary key, with their reply and reaction counts and the reader's own reaction, in one
query for all threads (`consultations.comments.comment_threads`).

What stays exact: everything a card shows comes from that query, so an edit, a
withdrawal, a hidden comment, a new reaction or a new display name shows at once
(a comment that is no longer visible simply drops out of its page). What the snapshot
decides is only which comments are on a page and how many pages there are.

Invalidation: a version token per consultation, part of every snapshot key, gets a new
random value whenever one of its comments is saved or deleted (post_save and
post_delete of Comment, so every service, the moderation actions and the admin are
covered). The bump runs at once *and* again after commit: at once, so a reader in the
same transaction (a test) sees the change; after commit, so a snapshot rebuilt by
another request between the write and the commit (from the old rows) is dropped too.
Both are isolated (`engage.after_commit`): a cache outage never turns a saved comment
into an error, and reads then miss (engage.cache.TolerantRedisCache). Snapshots also
expire after `SNAPSHOT_SECONDS`, a bound on staleness for writes that bypass the model
(queryset `update()`, raw SQL). The key also holds the page's last publication time, so
a republished page (new proposals) and a recreated database (ids used again) never meet
an old snapshot.

Moderators, and people with a comment of their own awaiting moderation in the
consultation, see comments that others do not: their pages are never cached (the page
falls back to the uncached reads).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from engage.after_commit import on_commit_safely, run_safely

from .engagement.models import Reaction
from .models import Comment

PREFIX = "consultations:threads"
SNAPSHOT_SECONDS = 10 * 60
SECTION_SECONDS = 5 * 60
VERSION_SECONDS = 24 * 60 * 60
COMMENTS, REACTIONS, ABOUT = "comments", "reactions", "about"
KINDS = (COMMENTS, REACTIONS, ABOUT)


def _version_key(consultation_id, kind=COMMENTS):
    return f"{PREFIX}:version:{kind}:{consultation_id}"


def _bump(consultation_id, kind):
    cache.set(_version_key(consultation_id, kind), uuid.uuid4().hex, VERSION_SECONDS)


def invalidate(consultation_id, kind=COMMENTS):
    """Drop the cached pages of a consultation's threads (`kind` COMMENTS: snapshots and
    sections; REACTIONS: sections only; ABOUT: the documents and sessions cached by
    `page_context.about`), now and again after commit."""
    what = f"comment thread cache bump ({kind}) for consultation {consultation_id}"
    run_safely(lambda: _bump(consultation_id, kind), what)
    on_commit_safely(lambda: _bump(consultation_id, kind), what)


@receiver(post_save, sender=Comment, dispatch_uid="consultations.thread_cache.saved")
@receiver(post_delete, sender=Comment, dispatch_uid="consultations.thread_cache.deleted")
def _comment_changed(sender, instance, **kwargs):
    invalidate(instance.consultation_id)


@receiver(post_save, sender=Reaction, dispatch_uid="consultations.thread_cache.reacted")
@receiver(post_delete, sender=Reaction, dispatch_uid="consultations.thread_cache.unreacted")
def _reaction_changed(sender, instance, **kwargs):
    invalidate(instance.consultation_id, REACTIONS)


@receiver(
    post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="consultations.thread_cache.named"
)
@receiver(
    pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="consultations.thread_cache.gone"
)
def _person_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A new display name, or a deleted account, changes the name on their comments."""
    if created or (update_fields is not None and "display_name" not in update_fields):
        return  # e.g. last_login at each log-in: no query
    consultations = (
        Comment.objects.filter(author_id=instance.pk)
        .order_by()
        .values_list("consultation_id", flat=True)
        .distinct()
    )
    for consultation_id in consultations:
        invalidate(consultation_id)


def tokens(consultation):
    """{kind: current version token} of `consultation` (COMMENTS, REACTIONS, ABOUT), made
    on first use; one cache round trip per request (kept on the page object, which
    Wagtail loads for each request)."""
    memo = getattr(consultation, "_version_tokens", None)
    if memo is not None:
        return memo
    keys = {kind: _version_key(consultation.pk, kind) for kind in KINDS}
    found = cache.get_many(list(keys.values()))
    memo = {}
    for kind, key in keys.items():
        token = found.get(key)
        if token is None:
            token = uuid.uuid4().hex
            # add(): two first readers agree on one token (the first one stored wins).
            if not cache.add(key, token, VERSION_SECONDS):
                token = cache.get(key) or token
        memo[kind] = token
    consultation._version_tokens = memo
    return memo


def versions(consultation):
    """The (comments, reactions) version tokens of `consultation`'s threads."""
    memo = tokens(consultation)
    return memo[COMMENTS], memo[REACTIONS]


def version(consultation):
    """The comments version token of `consultation`'s threads."""
    return tokens(consultation)[COMMENTS]


def _published(consultation):
    return consultation.last_published_at.isoformat() if consultation.last_published_at else ""


def snapshot_key(consultation, token, thread_key, page_number):
    """The key of one thread page's snapshot: {"count", "number", "ids"}."""
    return (
        f"{PREFIX}:page:{consultation.pk}:{token}:{_published(consultation)}:"
        f"{thread_key}:{page_number}"
    )


def section_key(consultation, tokens, material):
    """The key of a whole rendered comment section shared by readers alike (`material`:
    what else it depends on, e.g. language, time zone, page numbers)."""
    digest = hashlib.sha256(repr(material).encode()).hexdigest()[:32]
    return (
        f"{PREFIX}:section:{consultation.pk}:{tokens[0]}:{tokens[1]}:"
        f"{_published(consultation)}:{digest}"
    )


def get_section(key):
    return cache.get(key)


def set_section(key, value, seconds=SECTION_SECONDS):
    cache.set(key, value, seconds)


def get_snapshots(keys):
    return cache.get_many(keys)


def set_snapshots(snapshots):
    if snapshots:
        cache.set_many(snapshots, SNAPSHOT_SECONDS)
