"""What the public search (`home.search`) finds in consultations: the consultation
pages themselves (title, summary, proposals, body and published outcome, in the
reader's language with the English fallback) and residents' published comments (in
the language each was written in). Registered by `ConsultationsConfig.ready()`.

Only live pages outside any Wagtail view restriction count, and only published
comments on them: nothing pending, hidden, removed or withdrawn.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engage.moderation.content import ContentStatus
from home.search import registry
from home.search.query import Text, config_of, highlight, joined, match, with_snippet

from .models import Comment, ConsultationPage, Proposal

GROUP = "consultations"


def public_consultations(query):
    """Live consultations that no view restriction hides (from anyone)."""
    return ConsultationPage.objects.live().exclude(query.restricted())


def _proposals_text(query):
    """The titles and texts of a consultation's proposals as one text (PostgreSQL)."""
    if not query.postgres:
        return None
    text = joined(query.translated("title"), query.plain(query.translated("body")))
    return models.Subquery(
        Proposal.objects.filter(page_id=models.OuterRef("pk"))
        .order_by()
        .values("page_id")
        .annotate(text=StringAgg(text, " "))
        .values("text"),
        output_field=models.TextField(),
    )


def _outcome_text(query):
    """The outcome's text once it is public (closed and published), else empty."""
    now = timezone.now()
    return models.Case(
        models.When(
            closes_at__lte=now,
            outcome_published_at__lte=now,
            then=query.plain(query.translated("outcome")),
        ),
        default=models.Value(""),
        output_field=models.TextField(),
    )


def consultation_matches(query):
    return match(
        public_consultations(query),
        query,
        [
            Text(query.translated("title"), "A"),
            Text(query.translated("summary"), "B"),
            Text(_proposals_text(query), "C"),
            Text(_outcome_text(query), "C"),
            Text(query.stream_text("body"), "D"),
        ],
    )


def _shown_language(item, field, language):
    return language if getattr(item, f"{field}_{language}", "") else "en"


def consultation_results(query, pks, request):
    pages = with_snippet(
        public_consultations(query).filter(pk__in=pks).select_related("area"),
        query,
        joined(query.translated("summary"), _proposals_text(query)),
    )
    language = translation.get_language()
    results = {}
    for page in pages:
        details = [str(page.status.label)]
        if page.area:
            details.append(page.area.name)
        results[page.pk] = registry.Result(
            title=page.title,
            url=page.get_url(request),
            snippet=highlight(query, page.snippet, from_html=True),
            kind=gettext("Consultation"),
            language=_shown_language(page, "summary", language),
            title_language=_shown_language(page, "title", language),
            details=details,
        )
    return results


def published_comments(query):
    """Published comments on public consultations."""
    return Comment.objects.filter(status=ContentStatus.PUBLISHED, consultation__live=True).exclude(
        query.restricted("consultation__")
    )


def comment_matches(query):
    return match(
        published_comments(query),
        query,
        [Text(models.F("body_text"), "B")],
        config=config_of("language"),
    )


def comment_results(query, pks, request):
    comments = with_snippet(
        published_comments(query).filter(pk__in=pks).select_related("consultation"),
        query,
        models.F("body_text"),
        config=config_of("language"),
    )
    language = translation.get_language()
    results = {}
    for comment in comments:
        consultation = comment.consultation
        results[comment.pk] = registry.Result(
            title=gettext("Comment on %(consultation)s") % {"consultation": consultation.title},
            url=f"{consultation.get_url(request)}?comment={comment.pk}#comment-{comment.pk}",
            snippet=highlight(query, comment.snippet),
            kind=gettext("Comment"),
            language=comment.language,
            title_language=_shown_language(consultation, "title", language),
            date=comment.created_at,
        )
    return results


def register():
    registry.register_group(GROUP, _("Consultations"), order=10)
    registry.register_source(
        "consultations.page",
        GROUP,
        matches=consultation_matches,
        results=consultation_results,
        order=10,
    )
    registry.register_source(
        "consultations.comment",
        GROUP,
        matches=comment_matches,
        results=comment_results,
        order=20,
    )
