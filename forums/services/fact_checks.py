"""Fact-checks: writing, revising, a second reviewer publishing, "helpful" marks, and the
claim's verdict that follows them.

Community leaders, city staff and partner members write fact-checks and their revisions
(`forums.write_fact_check`, `forums.revise_fact_check`); someone other than a revision's
author publishes it (`forums.review_fact_check`). Drafts are never broadcast; a
publication is (`factcheck.published`, and `thread.verdict` when the claim's verdict
changed).
"""

from urllib.parse import urlsplit

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Action
from engage.communities.services import record_participation
from engage.moderation import services as moderation
from engage.moderation.content import ContentStatus
from engage.moderation.text import clean_language

from ..models import FactCheck, FactCheckRevision, HelpfulMark, Thread, Verdict
from .checks import clean_post_text, forum_scope
from .live import announce, announce_verdict, fact_check_payload


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
        verdict_before = fact_check.thread.verdict
        refresh_verdict(fact_check.thread)
        record_participation(user, Action.FACT_CHECKED, forum_scope(fact_check.thread.forum_id))
        if fact_check.status == ContentStatus.PUBLISHED:
            announce(fact_check.thread_id, "factcheck.published", fact_check_payload(fact_check))
        announce_verdict(fact_check.thread, verdict_before)
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
