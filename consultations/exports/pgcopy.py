"""The CSV export's rows as one PostgreSQL `COPY (SELECT …) TO STDOUT (FORMAT csv)`.

`csv_copy_statement` builds a statement whose output is byte for byte what
`writers.csvfile` writes on any other database from `data.comment_rows` and csv.writer
(tests/exports compare the two on the same data). The database does what Python did per
row, in C:

- export order (`data.exported_comments`), one sort, the same as a plain COPY of the rows;
- participant numbers in order of first appearance, withdrawn rows without one: a small
  query over the consultation's comments (each author's earliest comment per proposal,
  so ordinary aggregates and no sort of every row), evaluated once before the rows as an
  InitPlan (a `jsonb` object {author id: number} that each row looks up), which leaves
  the main query free to run in parallel like the plain COPY;
- reaction counts (one grouped scan of the consultation's reactions), ISO 8601 times in
  UTC as `datetime.isoformat()` writes them, the leading `'` on texts a spreadsheet
  would run (`text_pattern`, the same regular expression Python uses; only texts that
  do not start with an ASCII letter are matched against it);
- CSV quoting: PostgreSQL quotes a value holding the delimiter, a quote, CR or LF and
  doubles inner quotes, as csv.writer's QUOTE_MINIMAL does. The one difference, an empty
  string (COPY writes `""`, csv.writer nothing), is avoided by giving NULL instead.

Lines end with `\\n` (COPY to a client). One row is one CopyData message of the
protocol, so a reader can count rows by messages.
"""

from consultations.engagement.models import Reaction
from consultations.models import Comment, CommentStatus, Proposal

from .data import EXPORTED_STATUSES


def _iso_utc(column):
    """SQL for `column` as Python's `datetime.isoformat()` writes an aware UTC time
    (microseconds only when there are some), or NULL."""
    # One to_char, then drop a zero fraction (".000000" can only stand before the zone).
    return (
        f"replace(to_char({column} AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'), '.000000+', '+')"
    )


def _participant_numbers(comment, proposal):
    """SQL (one parameter: the consultation's id) for a jsonb object {author id: number}:
    1, 2, 3… in order of each author's first published comment in export order.

    Export order is (proposal's sort_order NULLS FIRST, proposal_id, created_at, id). An
    author's first comment is among their earliest per proposal (an aggregate over the
    rows, no sort of them); the comment id only decides between two authors whose first
    comments share a proposal and a time, so it is looked up for those alone."""
    return f"""(
        WITH firsts AS (
            SELECT author_id, proposal_id, min(created_at) AS created_at
            FROM {comment}
            WHERE consultation_id = %s AND status = '{CommentStatus.PUBLISHED}'
                AND author_id IS NOT NULL
            GROUP BY author_id, proposal_id
        ),
        author_firsts AS (
            SELECT DISTINCT ON (f.author_id) f.author_id, p.sort_order, f.proposal_id,
                f.created_at
            FROM firsts f LEFT JOIN {proposal} p ON p.id = f.proposal_id
            ORDER BY f.author_id, p.sort_order NULLS FIRST, f.proposal_id, f.created_at
        ),
        flagged AS (
            SELECT *, count(*) OVER (PARTITION BY proposal_id, created_at) > 1 AS tied
            FROM author_firsts
        ),
        numbered AS (
            SELECT author_id, row_number() OVER (
                ORDER BY sort_order NULLS FIRST, proposal_id, created_at,
                    CASE WHEN tied THEN (
                        SELECT min(t.id) FROM {comment} t
                        WHERE t.consultation_id = %s
                            AND t.status = '{CommentStatus.PUBLISHED}'
                            AND t.author_id = flagged.author_id
                            AND t.created_at = flagged.created_at
                            AND t.proposal_id IS NOT DISTINCT FROM flagged.proposal_id
                    ) END
            ) AS number
            FROM flagged
        )
        SELECT jsonb_object_agg(author_id, number) FROM numbered
    )"""  # noqa: S608 - table names come from models, statuses from an enum


def csv_copy_statement(consultation, *, text_pattern, titles):
    """`(sql, params)` of a `COPY … TO STDOUT (FORMAT csv)` whose output is the CSV
    export's lines without the header, in export order (PostgreSQL only).

    `titles`: {proposal id or None: title in the export's language, already neutralised
    (`csvfile.safe_cell`)}; `text_pattern`: the formula pattern (`csvfile.FORMULA_PATTERN`).
    Parameters are merged into the statement by psycopg (COPY takes none)."""
    comment = Comment._meta.db_table
    proposal = Proposal._meta.db_table
    reaction = Reaction._meta.db_table
    withdrawn = str(CommentStatus.WITHDRAWN)
    proposal_ids = [pk for pk in titles if pk is not None]
    not_withdrawn = f"c.status <> '{withdrawn}'"
    exported = ", ".join(f"'{status}'" for status in EXPORTED_STATUSES)
    sql = f"""
        COPY (
            WITH reactions AS (
                SELECT comment_id,
                    count(*) FILTER (WHERE value = 'support') AS support,
                    count(*) FILTER (WHERE value = 'oppose') AS oppose,
                    count(*) FILTER (WHERE value = 'unsure') AS unsure
                FROM {reaction}
                WHERE consultation_id = %s AND comment_id IS NOT NULL
                GROUP BY comment_id
            )
            SELECT c.id, c.parent_id, c.depth, c.proposal_id,
                nullif(CASE WHEN c.proposal_id IS NULL THEN %s ELSE t.title END, ''),
                CASE WHEN {not_withdrawn}
                    THEN {_participant_numbers(comment, proposal)} ->> c.author_id::text
                END,
                nullif(c.language, ''),
                c.status,
                {_iso_utc("c.created_at")},
                CASE WHEN {not_withdrawn} THEN {_iso_utc("c.edited_at")} END,
                coalesce(r.support, 0), coalesce(r.oppose, 0), coalesce(r.unsure, 0),
                CASE
                    WHEN c.status = '{withdrawn}' OR c.body_text = '' THEN NULL
                    WHEN NOT (ascii(c.body_text) BETWEEN 65 AND 90
                            OR ascii(c.body_text) BETWEEN 97 AND 122)
                        AND c.body_text ~ %s
                    THEN '''' || c.body_text
                    ELSE c.body_text
                END
            FROM {comment} c
            LEFT JOIN {proposal} p ON p.id = c.proposal_id
            LEFT JOIN reactions r ON r.comment_id = c.id
            LEFT JOIN unnest(%s::bigint[], %s::text[]) AS t(id, title) ON t.id = c.proposal_id
            WHERE c.consultation_id = %s AND c.status IN ({exported})
            ORDER BY p.sort_order NULLS FIRST, c.proposal_id, c.created_at, c.id
        ) TO STDOUT WITH (FORMAT csv)
    """  # noqa: S608 - table names come from models, statuses from an enum; values are parameters
    params = [
        consultation.pk,  # reactions
        titles.get(None, ""),  # the general discussion's title
        consultation.pk,  # participant numbers: firsts
        consultation.pk,  # participant numbers: ties
        text_pattern,
        proposal_ids,
        [titles[pk] for pk in proposal_ids],
        consultation.pk,
    ]
    return sql, params
