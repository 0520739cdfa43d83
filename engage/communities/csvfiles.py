"""Reading CSV files people upload or name on the command line: the one place that
decodes and parses them, for every importer (baselines, offline participation, panel
pools and quotas) and the admin upload.

`read_csv_table(source)` returns the header and the rows with their file line numbers,
or raises `CSVFileError` (line, column, what to do) for a file no importer should guess
at: not UTF-8 text (UTF-16 or UTF-32 from a spreadsheet's "Unicode text", Latin-1, a
binary file), a cell longer than `MAX_CELL_CHARS`, a quote that is never closed or stray
text after a closing quote, or a column named twice. The importers turn the error into
one of their line-numbered problems, so nothing is imported from such a file.
"""

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

# Python's csv module refuses longer cells; no figure or category name comes close.
MAX_CELL_CHARS = csv.field_size_limit()

SAVE_AS_CSV = _(
    "In your spreadsheet, choose “Save as” and the format “CSV UTF-8 (comma delimited)”, "
    "then use that file."
)

# Byte-order marks of the encodings spreadsheets call "Unicode text"; UTF-32 first,
# because the UTF-32 little-endian mark begins with the UTF-16 one.
WIDE_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class CSVFileError(ValueError):
    """A file that cannot be read as a CSV table; `code` says which kind of problem."""

    def __init__(self, message, *, line=1, column="", code="invalid"):
        super().__init__(str(message))
        self.message = message
        self.line = line
        self.column = column
        self.code = code


@dataclass
class CSVTable:
    """A parsed file: `header` (stripped, lower-cased unless asked not to) on
    `header_line`, and `rows` as (line, [cells]) with cells stripped; blank lines are
    left out. `header` is None for a file with no header at all."""

    header: list | None
    header_line: int
    rows: list


def decode_csv_bytes(data, name=""):
    """The text of `data` (bytes of a CSV file), or CSVFileError saying how to save it."""
    label = _("The file “%(name)s”") % {"name": name} if name else _("The file")
    for mark, encoding in WIDE_ENCODINGS:
        if data.startswith(mark):
            raise CSVFileError(
                _("%(name)s is saved as %(encoding)s text, not UTF-8. %(how)s")
                % {"name": label, "encoding": encoding, "how": SAVE_AS_CSV},
                code="not_utf8",
            )
    if b"\x00" in data:
        raise CSVFileError(
            _("%(name)s is not a CSV file (it holds binary data). %(how)s")
            % {"name": label, "how": SAVE_AS_CSV},
            code="not_csv",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CSVFileError(
            _("%(name)s is not saved as UTF-8 text, so its letters would be garbled. %(how)s")
            % {"name": label, "how": SAVE_AS_CSV},
            line=line,
            code="not_utf8",
        ) from None


def _text_of(source):
    """The decoded text of a path, bytes, a text or binary stream or an uploaded file."""
    if isinstance(source, str | Path):
        path = Path(source)
        return decode_csv_bytes(path.read_bytes(), path.name)
    if isinstance(source, bytes | bytearray):
        return decode_csv_bytes(bytes(source))
    data = source.read()
    if isinstance(data, bytes):
        return decode_csv_bytes(data, getattr(source, "name", "") or "")
    if "\x00" in data:
        raise CSVFileError(
            _("%(name)s is not a CSV file (it holds binary data). %(how)s")
            % {"name": _("The file"), "how": SAVE_AS_CSV},
            code="not_csv",
        )
    return data.removeprefix("\ufeff")


def _parse_error(error, record_line):
    """A CSVFileError for the csv module's `error`, about the record starting on
    `record_line`."""
    text = str(error)
    if "field larger than field limit" in text:
        return CSVFileError(
            _(
                "A cell is longer than %(limit)s characters, so this is not a table of "
                "figures. Check that every quote is closed and that the file is the right "
                "export."
            )
            % {"limit": f"{MAX_CELL_CHARS:,}"},
            line=record_line,
            code="cell_too_long",
        )
    if "unexpected end of data" in text or "newline inside string" in text:
        return CSVFileError(
            _(
                'A quote (") opened on this line is never closed, so the rest of the file '
                "would be read as one cell. Close the quote or remove it."
            ),
            line=record_line,
            code="unclosed_quote",
        )
    if "expected after" in text:
        return CSVFileError(
            _(
                'There is text straight after a closing quote ("). Put the whole cell in '
                'quotes, doubling any quote inside it (""), or remove the quotes.'
            ),
            line=record_line,
            code="bad_quote",
        )
    return CSVFileError(
        _("This line cannot be read as CSV (%(reason)s). %(how)s")
        % {"reason": text, "how": SAVE_AS_CSV},
        line=record_line,
        code="invalid",
    )


def read_csv_table(source, *, lower=True, keep_blank_rows=False):
    """The `CSVTable` of `source` (path, bytes, uploaded file or text/binary stream).

    The first non-blank line is the header. Blank lines are skipped, and so are rows of
    empty cells unless `keep_blank_rows`. Raises CSVFileError (see the module docstring).
    """
    stream = io.StringIO(_text_of(source), newline="")
    reader = csv.reader(stream, strict=True)
    header, header_line, rows = None, 0, []
    record_line = 1
    while True:
        record_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _parse_error(error, record_line) from None
        if header is None:
            if not any(cell.strip() for cell in record):
                continue
            header = [cell.strip() for cell in record]
            if lower:
                header = [cell.lower() for cell in header]
            header_line = reader.line_num
            _check_header(header, header_line)
            continue
        if not record or (not keep_blank_rows and not any(cell.strip() for cell in record)):
            continue
        cells = [cell.strip() for cell in record]
        if any(cells[len(header) :]):
            raise CSVFileError(
                _(
                    "This row has %(cells)s cells but the header names %(columns)s columns. "
                    "Put any cell holding a comma in quotes, or add the missing column name."
                )
                % {"cells": len(cells), "columns": len(header)},
                line=record_line,
                code="extra_cells",
            )
        cells = cells[: len(header)] + [""] * (len(header) - len(cells))
        rows.append((record_line, cells))
    return CSVTable(header, header_line, rows)


def _check_header(header, line):
    seen = {}
    for position, name in enumerate(header, start=1):
        if not name:
            continue
        if name in seen:
            raise CSVFileError(
                _(
                    "The column “%(column)s” is named twice (columns %(first)s and "
                    "%(second)s), so it is not clear which one to read. Remove or rename "
                    "one of them."
                )
                % {"column": name, "first": seen[name], "second": position},
                line=line,
                column=name,
                code="duplicate_column",
            )
        seen[name] = position
