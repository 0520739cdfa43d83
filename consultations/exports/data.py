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


# --- the same rows as one SQL query (PostgreSQL COPY) ------------------------------------


def _iso_utc(column):
    """SQL for `column` as Python's `datetime.isoformat()` writes an aware UTC time
    (microseconds only when there are some), or NULL."""
    # One to_char, then drop a zero fraction (".000000" can only stand before the zone).
    return (
        f"replace(to_char({column} AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'), '.000000+', '+')"
    )


def _csv_text(expression):
    """SQL for a text cell as csv.writer writes it (QUOTE_MINIMAL): in double quotes,
    with inner quotes doubled, when it holds a comma, a quote or a line break; NULL is
    an empty cell."""
    value = f"coalesce({expression}, '')"
    return (
        f"CASE WHEN {value} ~ %s THEN '\"' || replace({value}, '\"', '\"\"') || '\"' "
        f"ELSE {value} END"
    )


_NEEDS_QUOTES = '[",\r\n]'


def quote_cell(text):
    """`text` as csv.writer writes one cell (QUOTE_MINIMAL)."""
    if any(character in text for character in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_chunks_query(consultation, *, text_pattern, titles, rows_per_chunk):
    """`(sql, params)` of a query whose rows are (CSV text of up to `rows_per_chunk`
    comments, their number): exactly the lines csv.writer would write (ending in `\n`)
    for what `comment_rows` yields, in export order (PostgreSQL only).

    The database does what Python did per row: export order, participant numbers in
    order of first appearance (withdrawn rows have none), reaction counts (one grouped
    scan of the consultation's reactions), ISO times, the leading `'` on texts matching
    `text_pattern` and CSV quoting. `titles` ({proposal id or None: title}) are given as
    parameters, already neutralised and written as CSV cells (`quote_cell`). Read it with a server-side cursor: memory stays
    flat and the connection is free between fetches (for progress updates).
    tests/exports compare the result with the portable path on the same data."""
    comment = Comment._meta.db_table
    proposal = Comment._meta.get_field("proposal").related_model._meta.db_table
    published, withdrawn = str(CommentStatus.PUBLISHED), str(CommentStatus.WITHDRAWN)
    proposal_ids = [pk for pk in titles if pk is not None]
    reactions_cte = (
        "SELECT comment_id, count(*) FILTER (WHERE value = 'support') AS support, "  # noqa: S608
        "count(*) FILTER (WHERE value = 'oppose') AS oppose, "
        "count(*) FILTER (WHERE value = 'unsure') AS unsure "
        f"FROM {Reaction._meta.db_table} "  # a model's table name
        "WHERE consultation_id = %s AND comment_id IS NOT NULL GROUP BY comment_id"
    )
    count = "coalesce({value}, 0)::text"
    cells = [
        "id::text",
        "coalesce(parent_id::text, '')",
        "depth::text",
        "coalesce(proposal_id::text, '')",
        "coalesce(title, '')",
        "coalesce(CASE WHEN status <> %s THEN participant::text END, '')",
        # Codes ("en", "published"): never a comma, quote or line break.
        "language",
        "status",
        _iso_utc("created_at"),
        f"coalesce(CASE WHEN status <> %s THEN {_iso_utc('edited_at')} END, '')",
        count.format(value="support"),
        count.format(value="oppose"),
        count.format(value="unsure"),
        _csv_text("text"),
    ]
    line = " || ',' || ".join(cells)
    sql = f"""
        WITH rows AS (
            SELECT c.id, c.parent_id, c.depth, c.proposal_id, c.author_id, c.language,
                c.status, c.created_at, c.edited_at, c.body_text,
                row_number() OVER (ORDER BY p.sort_order NULLS FIRST, c.proposal_id,
                    c.created_at, c.id) AS n
            FROM {comment} c LEFT JOIN {proposal} p ON p.id = c.proposal_id
            WHERE c.consultation_id = %s AND c.status IN (%s, %s)
        ),
        participants AS (
            SELECT author_id, row_number() OVER (ORDER BY min(n)) AS number
            FROM rows WHERE status <> %s AND author_id IS NOT NULL GROUP BY author_id
        ),
        reactions AS ({reactions_cte}),
        titles AS (SELECT * FROM unnest(%s::int[], %s::text[]) AS t(id, title)),
        cells AS (
            SELECT rows.n, rows.id, rows.parent_id, rows.depth, rows.proposal_id,
                rows.language, rows.status, rows.created_at, rows.edited_at,
                participants.number AS participant,
                reactions.support, reactions.oppose, reactions.unsure,
                CASE WHEN rows.proposal_id IS NULL THEN %s ELSE titles.title END AS title,
                CASE WHEN rows.status = %s THEN NULL WHEN rows.body_text ~ %s
                    THEN %s || rows.body_text ELSE rows.body_text END AS text
            FROM rows
            LEFT JOIN participants ON participants.author_id = rows.author_id
            LEFT JOIN reactions ON reactions.comment_id = rows.id
            LEFT JOIN titles ON titles.id = rows.proposal_id
        ),
        lines AS (SELECT n, {line} || chr(10) AS line FROM cells)
        SELECT string_agg(line, '' ORDER BY n), count(*)
        FROM lines GROUP BY (n - 1) / %s ORDER BY (n - 1) / %s
    """  # noqa: S608 - table names come from models; values are parameters
    params = [
        # rows, participants, reactions, titles
        consultation.pk,
        published,
        withdrawn,
        withdrawn,
        consultation.pk,
        proposal_ids,
        [titles[pk] for pk in proposal_ids],
        # cells: title, text
        titles.get(None, ""),
        withdrawn,
        text_pattern,
        "'",
        # lines: participant, edited_at, text
        withdrawn,
        withdrawn,
        _NEEDS_QUOTES,
        # chunks
        rows_per_chunk,
        rows_per_chunk,
    ]
    return sql, params


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
