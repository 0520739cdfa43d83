"""CSV: one row per exported comment, columns `data.COLUMNS` (a documented contract).

Times are ISO 8601 in UTC; empty cells for missing values; lines end with `\\n`.

Formula injection: a cell that a spreadsheet would run as a formula is written with a
leading `'`, so it stays text. That is a cell starting with `=`, `+`, `-` or `@`, or
with one of their Unicode look-alikes that spreadsheets also accept (full-width
`＝ ＋ － ＠`, small forms such as U+FE66 `﹦`, super- and subscripts: every character
whose NFKC form is one of the four, and the minus sign U+2212), even behind leading
white space or invisible format characters (zero-width space, BOM, bidi marks); and a
cell starting with a tab, carriage return or line feed (`FORMULA_PATTERN`).

On PostgreSQL the rows come from one `COPY (SELECT …) TO STDOUT (FORMAT csv)`
(`pgcopy.csv_copy_statement`): export order, participant numbers, proposal titles,
reaction counts, ISO times, the neutralising `'` and CSV quoting are done by the
database, and Python only gathers the copied rows into chunks of ROWS_PER_CHUNK, so a
large export runs near the speed of a plain `COPY` of the same rows with flat memory
(measured by `make bench`). The COPY holds the connection until its last row has been
read: whoever reads `csv_chunks` must not use the database between two chunks, and
`progress` is called once the COPY is over (a million rows take seconds). Elsewhere
(SQLite in the demo) rows come from `data.comment_rows` and `csv.writer`; both give the
same file (tests/exports compare them).
"""

import contextlib
import csv
import re

from django.db import DatabaseError, connection

from .. import data, pgcopy

ROWS_PER_CHUNK = 500

#: First characters that make a spreadsheet read a cell as a formula: = + - @ and every
#: character whose NFKC form is one of them, plus MINUS SIGN and heavy plus/minus signs.
FORMULA_TRIGGERS = (
    "=+@"
    "\u207a\u207c\u208a\u208c\ufb29\ufe62\ufe63\ufe66\ufe6b\uff0b\uff0d\uff1d\uff20"
    "\u2212\u2795\u2796"
    "-"  # last, so that it is a literal in a bracket expression
)

#: Characters a reader cannot see (white space and format characters, category Cf) that
#: may stand before a formula: inclusive ranges of code points (Unicode 14 and later).
INVISIBLE_RANGES = (
    (0x9, 0xD), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0xAD, 0xAD), (0x600, 0x605),
    (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2),
    (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F), (0x2028, 0x202F),
    (0x205F, 0x2064), (0x2066, 0x206F), (0x3000, 0x3000), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip


def _bracket(ranges):
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


#: A regular expression that both Python's `re` and PostgreSQL's `~` understand (literal
#: characters and ranges only): a cell matching it is neutralised.
FORMULA_PATTERN = f"^(?:[\t\n\r]|[{_bracket(INVISIBLE_RANGES)}]*[{FORMULA_TRIGGERS}])"
_formula = re.compile(FORMULA_PATTERN)


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading `'`, so it stays text."""
    if isinstance(value, str) and _formula.match(value):
        return "'" + value
    return value


def csv_chunks(consultation, progress=None):
    """Yield the CSV text in chunks: the header, then batches of ROWS_PER_CHUNK rows.

    `progress(rows done)` is called after each batch and at the end; on PostgreSQL, only
    at the end, because the COPY holds the connection until then (so do not use the
    database between two chunks there either)."""
    writer = csv.writer(_Line())
    yield _line(writer, data.COLUMNS)
    copying = connection.vendor == "postgresql"
    rows = _copied_rows if copying else _written_rows
    done = 0
    for count, text in rows(consultation, writer):
        done += count
        yield text
        if progress and not copying:
            progress(done)
    if progress and (copying or not done):
        progress(done)


class _Line:
    """A file-like object whose write() returns what it was given (for csv.writer)."""

    def write(self, value):
        return value


def _line(writer, cells):
    """One CSV line ending in `\n` as COPY writes it. The writer keeps its default `\r\n`
    terminator, because csv quotes only fields containing the terminator's characters:
    with `\n` alone, a field holding a carriage return would go unquoted."""
    return writer.writerow(cells)[:-2] + "\n"


def _copied_rows(consultation, _writer):
    """(row count, text) batches of the rows PostgreSQL copies out
    (`pgcopy.csv_copy_statement`). Each message of a COPY is one row, whole, so batches
    end at row boundaries and decode on their own."""
    sql, params = pgcopy.csv_copy_statement(
        consultation,
        text_pattern=FORMULA_PATTERN,
        titles={pk: safe_cell(title) for pk, title in data.proposal_titles(consultation).items()},
    )
    batch = []
    append = batch.append
    with connection.cursor() as cursor:
        # The participant numbers' tie-break makes the planner overestimate the statement
        # (a correlated subquery it costs as if run for every author), above
        # jit_above_cost, and compiling it took longer than the rows (0.1-0.3 s for
        # 100,000 rows). A plain COPY of the rows is under the threshold: run without JIT.
        cursor.execute("SET jit = off")
        try:
            with cursor.copy(sql, params) as copy:
                for row in copy:
                    append(row)
                    if len(batch) == ROWS_PER_CHUNK:
                        yield ROWS_PER_CHUNK, b"".join(batch).decode()
                        batch.clear()
                if batch:
                    yield len(batch), b"".join(batch).decode()
        except BaseException:
            # Stopped early (the reader went away) or failed: reset if the connection can.
            with contextlib.suppress(DatabaseError):
                cursor.execute("RESET jit")
            raise
        cursor.execute("RESET jit")


#: Positions of the time columns, written as ISO 8601; csv writes None as "" itself.
TIME_COLUMNS = [data.COLUMNS.index("created_at"), data.COLUMNS.index("edited_at")]


def _written_rows(consultation, writer):
    """(row count, text) batches from `data.comment_rows` (any database)."""
    batch = []
    for row in data.comment_rows(consultation):
        cells = [safe_cell(row[column]) for column in data.COLUMNS]
        for index in TIME_COLUMNS:
            if cells[index] is not None:
                cells[index] = cells[index].isoformat()
        batch.append(_line(writer, cells))
        if len(batch) >= ROWS_PER_CHUNK:
            yield len(batch), "".join(batch)
            batch = []
    if batch:
        yield len(batch), "".join(batch)
