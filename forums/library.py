"""Reads for the public "myths and facts" library: published claims and their verdicts,
city-wide or in one forum, searchable and filterable by topic, verdict and language,
newest or most helpful first. The API's claim list uses the same reads."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import models

from engage.moderation.content import ContentStatus

from .models import Thread, Topic, Verdict

UNCHECKED = "unchecked"
SORTS = ("newest", "helpful")


@dataclass
class LibraryFilters:
    """What the reader asked for; unknown values are ignored rather than refused."""

    forum: object = None
    q: str = ""
    topic: str = ""
    verdict: str = ""
    language: str = ""
    sort: str = "newest"

    @classmethod
    def from_query(cls, query, forum=None):
        verdict = query.get("verdict", "")
        language = query.get("language", "")
        sort = query.get("sort", "newest")
        return cls(
            forum=forum,
            q=" ".join(query.get("q", "").split())[:200],
            topic=query.get("topic", "")[:100],
            verdict=verdict if verdict in [*Verdict.values, UNCHECKED] else "",
            language=language if language in dict(settings.LANGUAGES) else "",
            sort=sort if sort in SORTS else "newest",
        )

    def querystring(self):
        """The filters as a query string (for pagination links), without `page`."""
        values = {
            "q": self.q,
            "topic": self.topic,
            "verdict": self.verdict,
            "language": self.language,
            "sort": "" if self.sort == "newest" else self.sort,
        }
        return urlencode({key: value for key, value in values.items() if value})

    @property
    def verdict_choices(self):
        return [*Verdict.choices, (UNCHECKED, _unchecked_label())]

    @property
    def language_choices(self):
        return settings.LANGUAGES

    def topic_choices(self):
        """(slug, name) of the topics in the forum, or in every published forum."""
        topics = Topic.objects.filter(forum__live=True)
        if self.forum is not None:
            topics = topics.filter(forum=self.forum)
        seen = {}
        for topic in topics.order_by("forum_id", "sort_order"):
            seen.setdefault(topic.slug, topic.name)
        return list(seen.items())


def _unchecked_label():
    from django.utils.translation import gettext

    return gettext("Not fact-checked yet")


def library_claims(user, filters):
    """Published claims in published forums matching `filters`, with their helpful counts."""
    claims = (
        Thread.objects.claims()
        .filter(status=ContentStatus.PUBLISHED)
        .in_live_forums(user)
        .select_related("forum", "topic", "author")
        .with_helpful_counts()
    )
    if filters.forum is not None:
        claims = claims.filter(forum=filters.forum)
    if filters.topic:
        claims = claims.filter(topic__slug=filters.topic)
    if filters.verdict == UNCHECKED:
        claims = claims.filter(verdict="")
    elif filters.verdict:
        claims = claims.filter(verdict=filters.verdict)
    if filters.language:
        claims = claims.filter(language=filters.language)
    if filters.q:
        for word in filters.q.split()[:8]:
            explained = models.Q(
                fact_checks__published_revision__body_text__icontains=word,
                fact_checks__status=ContentStatus.PUBLISHED,
            )
            matching = Thread.objects.filter(
                models.Q(title__icontains=word)
                | models.Q(body_text__icontains=word)
                | models.Q(heard_where__icontains=word)
                | explained
            ).values("pk")
            claims = claims.filter(pk__in=matching)
    if filters.sort == "helpful":
        return claims.order_by("-helpful_count", "-verdict_at", "-created_at", "-pk")
    return claims.newest_first()
