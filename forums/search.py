"""What the public search (`home.search`) finds in the forums: threads and posts
(group "forums"), and claims with a published fact-check (group "myths", the myths
library). Registered by `ForumsConfig.ready()`.

Threads, posts and fact-checks keep the language they were written in, so each is
matched in its own language's text search configuration. Only published content in
live forums outside any view restriction counts: nothing pending, hidden, removed or
withdrawn, and a fact-check only through its published revision.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engage.moderation.content import PUBLIC_STATUSES, ContentStatus
from home.search import registry
from home.search.query import Text, config_of, highlight, joined, match, with_snippet

from .models import POSTS_PER_PAGE, FactCheck, Post, Thread

FORUMS, MYTHS = "forums", "myths"
OWN_LANGUAGE = "language"


def _published_fact_check():
    return models.Exists(
        FactCheck.objects.published().filter(
            thread_id=models.OuterRef("pk"), status=ContentStatus.PUBLISHED
        )
    )


def public_threads(query, statuses=(ContentStatus.PUBLISHED,)):
    """Published threads in live forums that no view restriction hides."""
    return Thread.objects.filter(status__in=statuses, forum__live=True).exclude(
        query.restricted("forum__")
    )


def discussion_threads(query):
    """Public threads that are not in the myths library (discussions, and claims
    nobody has published a fact-check of yet)."""
    return public_threads(query).exclude(_published_fact_check())


def library_claims(query):
    """Public claims with a published fact-check: the myths library."""
    return public_threads(query).claims().filter(_published_fact_check())


def _thread_texts():
    return [
        Text(models.F("title"), "A"),
        Text(models.F("body_text"), "B"),
        Text(models.F("heard_where"), "C"),
    ]


def thread_matches(query):
    return match(discussion_threads(query), query, _thread_texts(), config=config_of(OWN_LANGUAGE))


def _thread_result(query, thread, kind, details=()):
    return registry.Result(
        title=thread.title,
        url=reverse("forums:thread", kwargs={"pk": thread.pk}),
        snippet=highlight(query, thread.snippet),
        kind=kind,
        language=thread.language,
        title_language=thread.language,
        details=[thread.forum.title, *details],
        date=thread.created_at,
    )


def thread_results(query, pks, request):
    threads = with_snippet(
        discussion_threads(query).filter(pk__in=pks).select_related("forum"),
        query,
        joined(models.F("body_text"), models.F("heard_where")),
        config=config_of(OWN_LANGUAGE),
    )
    return {
        thread.pk: _thread_result(
            query,
            thread,
            gettext("Claim to check") if thread.is_claim else gettext("Forum thread"),
        )
        for thread in threads
    }


def _fact_check_text(query):
    """The published explanations of a claim's fact-checks (PostgreSQL)."""
    if not query.postgres:
        return None
    return models.Subquery(
        FactCheck.objects.published()
        .filter(thread_id=models.OuterRef("pk"), status=ContentStatus.PUBLISHED)
        .order_by()
        .values("thread_id")
        .annotate(text=StringAgg("published_revision__body_text", " "))
        .values("text"),
        output_field=models.TextField(),
    )


def claim_matches(query):
    return match(
        library_claims(query),
        query,
        [*_thread_texts(), Text(_fact_check_text(query), "C")],
        config=config_of(OWN_LANGUAGE),
    )


def claim_results(query, pks, request):
    claims = with_snippet(
        library_claims(query).filter(pk__in=pks).select_related("forum"),
        query,
        joined(models.F("body_text"), _fact_check_text(query)),
        config=config_of(OWN_LANGUAGE),
    )
    results = {}
    for claim in claims:
        verdict = (
            gettext("Verdict: %(verdict)s") % {"verdict": claim.get_verdict_display()}
            if claim.verdict
            else gettext("Fact-checked")
        )
        results[claim.pk] = _thread_result(query, claim, gettext("Claim"), [verdict])
    return results


def public_posts(query):
    """Published posts in public threads (a withdrawn opening keeps its replies)."""
    return Post.objects.filter(
        status=ContentStatus.PUBLISHED, thread__in=public_threads(query, PUBLIC_STATUSES)
    )


def post_matches(query):
    return match(
        public_posts(query),
        query,
        [Text(models.F("body_text"), "B")],
        config=config_of(OWN_LANGUAGE),
    )


def post_results(query, pks, request):
    earlier = (
        Post.objects.filter(thread_id=models.OuterRef("thread_id"), status__in=PUBLIC_STATUSES)
        .filter(
            models.Q(created_at__lt=models.OuterRef("created_at"))
            | models.Q(created_at=models.OuterRef("created_at"), pk__lt=models.OuterRef("pk"))
        )
        .order_by()
        .values("thread_id")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    posts = with_snippet(
        public_posts(query)
        .filter(pk__in=pks)
        .select_related("thread", "thread__forum")
        .annotate(
            earlier=models.functions.Coalesce(
                models.Subquery(earlier, output_field=models.IntegerField()), 0
            )
        ),
        query,
        models.F("body_text"),
        config=config_of(OWN_LANGUAGE),
    )
    results = {}
    for post in posts:
        thread = post.thread
        # The thread shows POSTS_PER_PAGE posts a page, oldest first (as anonymous
        # readers see it), so the link opens the page the post is on.
        page = post.earlier // POSTS_PER_PAGE + 1
        url = reverse("forums:thread", kwargs={"pk": thread.pk})
        if page > 1:
            url += f"?page={page}"
        results[post.pk] = registry.Result(
            title=gettext("Reply in “%(thread)s”") % {"thread": thread.title},
            url=f"{url}#post-{post.pk}",
            snippet=highlight(query, post.snippet),
            kind=gettext("Forum post"),
            language=post.language,
            title_language=thread.language,
            details=[thread.forum.title],
            date=post.created_at,
        )
    return results


def register():
    registry.register_group(FORUMS, _("Forums"), order=20)
    registry.register_group(MYTHS, _("Myths and facts"), order=30)
    registry.register_source(
        "forums.claim", MYTHS, matches=claim_matches, results=claim_results, order=30
    )
    registry.register_source(
        "forums.thread", FORUMS, matches=thread_matches, results=thread_results, order=40
    )
    registry.register_source(
        "forums.post", FORUMS, matches=post_matches, results=post_results, order=50
    )
