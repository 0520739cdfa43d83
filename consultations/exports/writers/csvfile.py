"""CSV: one row per exported comment, columns `data.COLUMNS` (a documented contract).

Times are ISO 8601 in UTC; empty cells for missing values. Text that starts like a
formula (=, +, -, @, tab, carriage return) is written with a leading `'`. Rows are produced in batches
from a server-side cursor, so a streamed download starts at once and memory stays flat.
"""

import csv

from .. import data

ROWS_PER_CHUNK = 500


class _Line:
    """A file-like object whose write() returns what it was given (for csv.writer)."""

    def write(self, value):
        return value


#: Positions of the time columns, written as ISO 8601; csv writes None as "" itself.
TIME_COLUMNS = [data.COLUMNS.index("created_at"), data.COLUMNS.index("edited_at")]


#: A cell starting with one of these is a formula to spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading `'`, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(consultation, progress=None):
    """Yield the CSV text in chunks: the header, then batches of ROWS_PER_CHUNK rows."""
    writer = csv.writer(_Line())
    yield writer.writerow(data.COLUMNS)
    batch = []
    done = 0
    for row in data.comment_rows(consultation):
        cells = [safe_cell(row[column]) for column in data.COLUMNS]
        for index in TIME_COLUMNS:
            if cells[index] is not None:
                cells[index] = cells[index].isoformat()
        batch.append(writer.writerow(cells))
        if len(batch) >= ROWS_PER_CHUNK:
            done += len(batch)
            yield "".join(batch)
            batch = []
            if progress:
                progress(done)
    if batch:
        done += len(batch)
        yield "".join(batch)
    if progress:
        progress(done)
