"""What an export contains, read once and shared by every format (CSV, XLSX, JSON, PDF).

Which comments: published ones, and withdrawn ones as placeholder rows with empty text
(so replies keep their parent). Comments awaiting moderation, hidden or removed are never
exported, not even as rows. Nothing identifies a person: each author gets a participant
number that is stable within one export (numbered in order of first appearance in it)
and means nothing outside it, never the user id; withdrawn rows carry no number at all.
No names, emails or demographic data are ever read here.

Rows are read with a server-side cursor (`.iterator(chunk_size=...)`) as plain tuples, so
memory stays flat however many comments there are.

Reaction counts and survey results come from `consultations.engagement`'s models.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from consultations.engagement.models import Reaction, ReactionValue, Survey, SurveyAnswer
from consultations.models import Comment, CommentStatus

#: Statuses whose comments appear in exports (withdrawn ones without their text).
EXPORTED_STATUSES = (CommentStatus.PUBLISHED, CommentStatus.WITHDRAWN)

REACTION_VALUES = tuple(ReactionValue.values)

#: CSV and JSON field names, in order: a documented contract for scripts (docs/consultations.md).
COLUMNS = [
    "comment_id",
    "parent_id",
    "depth",
    "proposal_id",
    "proposal",
    "participant",
    "language",
    "status",
    "created_at",
    "edited_at",
    "support",
    "oppose",
    "unsure",
    "text",
]

#: Headings people read (XLSX, PDF), in the same order as COLUMNS.
COLUMN_LABELS = {
    "comment_id": _("Comment"),
    "parent_id": _("Reply to comment"),
    "depth": _("Reply level"),
    "proposal_id": _("Proposal number"),
    "proposal": _("Proposal"),
    "participant": _("Participant"),
    "language": _("Language"),
    "status": _("Status"),
    "created_at": _("Written at"),
    "edited_at": _("Edited at"),
    "support": _("Support"),
    "oppose": _("Oppose"),
    "unsure": _("Unsure"),
    "text": _("Text"),
}

GENERAL_DISCUSSION = _("General discussion")


class Pseudonyms:
    """Participant numbers for one export: 1, 2, 3… in order of first appearance.

    A fresh object per export, so the same person has different numbers in two exports
    and the numbers can never be matched to accounts.
    """

    def __init__(self):
        self._numbers = {}

    def number(self, author_id):
        if author_id is None:
            return None
        number = self._numbers.get(author_id)
        if number is None:
            number = self._numbers[author_id] = len(self._numbers) + 1
        return number

    def __len__(self):
        return len(self._numbers)


def exported_comments(consultation):
    """The comments an export includes, in export order: by proposal (general discussion
    first), then oldest first."""
    return (
        Comment.objects.for_consultation(consultation)
        .filter(status__in=EXPORTED_STATUSES)
        .order_by(
            models.F("proposal__sort_order").asc(nulls_first=True),
            "proposal_id",
            "created_at",
            "pk",
        )
    )


def count_rows(consultation):
    """How many rows a comment export of `consultation` has."""
    return (
        Comment.objects.for_consultation(consultation).filter(status__in=EXPORTED_STATUSES).count()
    )


def reaction_counts(comment_ids):
    """{comment id: {value: count}} for `comment_ids`, in one grouped query. Asked per
    chunk of rows, so memory stays flat and the database does one index scan per chunk
    instead of a subquery per row."""
    counts = {}
    if connection.vendor == "postgresql":
        # One array parameter instead of thousands of IN (...) parameters.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT comment_id, value, count(*) FROM {Reaction._meta.db_table} "  # noqa: S608 - a model's table name
                "WHERE comment_id = ANY(%s) GROUP BY comment_id, value",
                [list(comment_ids)],
            )
            rows = cursor.fetchall()
    else:
        rows = (
            Reaction.objects.filter(comment_id__in=comment_ids)
            .values("comment_id", "value")
            .annotate(n=models.Count("pk"))
            .order_by()
            .values_list("comment_id", "value", "n")
        )
    for comment_id, value, n in rows:
        counts.setdefault(comment_id, {})[value] = n
    return counts


def proposal_titles(consultation):
    """{proposal id: title in the active language}, with None for the general discussion."""
    titles = {p.pk: p.title for p in consultation.proposals.all()}
    titles[None] = str(GENERAL_DISCUSSION)
    return titles


_FIELDS = [
    "pk",
    "parent_id",
    "depth",
    "proposal_id",
    "author_id",
    "language",
    "status",
    "created_at",
    "edited_at",
    "body_text",
]


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def comment_rows(consultation, *, pseudonyms=None, proposal=..., chunk_size=None):
    """Yield one dict per exported comment (keys: COLUMNS), streaming from the database.

    `proposal` narrows to one proposal (None: the general discussion); by default all.
    `pseudonyms` lets several calls share participant numbers (XLSX sheets)."""
    pseudonyms = pseudonyms if pseudonyms is not None else Pseudonyms()
    titles = proposal_titles(consultation)
    queryset = exported_comments(consultation)
    if proposal is not ...:
        queryset = queryset.for_proposal(proposal)
    chunk_size = chunk_size or settings.EXPORT_CHUNK_SIZE
    rows = queryset.values_list(*_FIELDS).iterator(chunk_size=chunk_size)
    for chunk in _chunks(rows, chunk_size):
        reactions = reaction_counts([values[0] for values in chunk])
        for values in chunk:
            (
                pk,
                parent_id,
                depth,
                proposal_id,
                author_id,
                language,
                status,
                created_at,
                edited_at,
                text,
            ) = values
            withdrawn = status == CommentStatus.WITHDRAWN
            counts = reactions.get(pk, {})
            yield {
                "comment_id": pk,
                "parent_id": parent_id,
                "depth": depth,
                "proposal_id": proposal_id,
                "proposal": titles.get(proposal_id, ""),
                "participant": None if withdrawn else pseudonyms.number(author_id),
                "language": language,
                "status": status,
                "created_at": created_at,
                "edited_at": None if withdrawn else edited_at,
                "support": counts.get("support", 0),
                "oppose": counts.get("oppose", 0),
                "unsure": counts.get("unsure", 0),
                "text": "" if withdrawn else text,
            }


# --- surveys -----------------------------------------------------------------------------


@dataclass
class QuestionResult:
    """One survey question's answers, counted. `options`: [(text, count)]; `scale`:
    [(1..5, count)]; `texts`: free-text answers (kind "text")."""

    text: str
    kind: str
    answered: int = 0
    options: list = field(default_factory=list)
    scale: list = field(default_factory=list)
    mean: float | None = None
    texts: list = field(default_factory=list)


@dataclass
class SurveyResult:
    title: str
    responses: int
    questions: list


def survey_results(consultation, include_texts=True):
    """The results of each survey of `consultation`: counts per option and per scale
    point, the mean on scales, and (when asked) free-text answers, without any link to
    who gave them. A few queries per survey, whatever the number of responses."""
    results = []
    surveys = Survey.objects.filter(consultation=consultation).order_by("sort_order", "pk")
    for survey in surveys.prefetch_related("questions__options"):
        answers = SurveyAnswer.objects.filter(response__survey=survey)
        option_counts = dict(
            answers.filter(option__isnull=False)
            .values("option_id")
            .annotate(n=models.Count("pk"))
            .values_list("option_id", "n")
        )
        scale_counts = {}
        for question_id, scale, n in (
            answers.filter(scale__isnull=False)
            .values("question_id", "scale")
            .annotate(n=models.Count("pk"))
            .values_list("question_id", "scale", "n")
        ):
            scale_counts.setdefault(question_id, {})[scale] = n
        answered = dict(
            answers.values("question_id")
            .annotate(n=models.Count("response_id", distinct=True))
            .values_list("question_id", "n")
        )
        questions = []
        for question in sorted(survey.questions.all(), key=lambda q: (q.sort_order, q.pk)):
            result = QuestionResult(
                text=question.text, kind=question.kind, answered=answered.get(question.pk, 0)
            )
            if question.kind in ("single", "multiple"):
                result.options = [
                    (option.text, option_counts.get(option.pk, 0))
                    for option in sorted(question.options.all(), key=lambda o: (o.sort_order, o.pk))
                ]
            elif question.kind == "scale":
                counts = scale_counts.get(question.pk, {})
                result.scale = [(point, counts.get(point, 0)) for point in range(1, 6)]
                total = sum(counts.values())
                if total:
                    result.mean = sum(point * n for point, n in counts.items()) / total
            elif include_texts:
                result.texts = list(
                    answers.filter(question=question)
                    .exclude(text="")
                    .order_by("pk")
                    .values_list("text", flat=True)
                )
            questions.append(result)
        results.append(
            SurveyResult(
                title=survey.title, responses=survey.responses.count(), questions=questions
            )
        )
    return results
