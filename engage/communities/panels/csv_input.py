"""Reading a pool of volunteers and its quotas from CSV files."""

from django.utils.translation import gettext_lazy as _

from ..csvfiles import CSVFileError, read_csv_table
from .errors import Explanation, PanelInputError
from .inputs import Quota, Volunteer


def _read_table(file, where, lower):
    """The shared CSV reading (`csvfiles.read_csv_table`) of a pool or quotas file, its
    problems as PanelInputError naming the file and line."""
    try:
        return read_csv_table(file, lower=lower)
    except CSVFileError as error:
        raise PanelInputError(
            [
                Explanation(
                    where,
                    line=error.line,
                    problem=error.message,
                )
            ]
        ) from None


def read_pool_csv(file):
    """Volunteers from a CSV (path, bytes or stream) with an `id` column and a column per
    feature."""
    table = _read_table(file, _("The pool file, line %(line)s: %(problem)s"), lower=False)
    headers = table.header or []
    if "id" not in headers:
        raise PanelInputError(
            [
                Explanation(
                    _(
                        "The pool file needs an id column (found: %(columns)s). Add a column "
                        "headed id with one unique id per volunteer."
                    ),
                    columns=", ".join(headers) or _("no columns"),
                )
            ]
        )
    pool = []
    for _line, cells in table.rows:
        row = dict(zip(headers, cells, strict=True))
        features = {name: row[name] for name in headers if name != "id"}
        pool.append(Volunteer(row["id"], features))
    return pool


QUOTA_COLUMNS = ("feature", "value", "min", "max")


def read_quotas_csv(file):
    """Quotas from a CSV (path, bytes or stream) with the columns feature, value, min and
    max."""
    table = _read_table(file, _("The quotas file, line %(line)s: %(problem)s"), lower=True)
    headers = table.header or []
    missing = [name for name in QUOTA_COLUMNS if name not in headers]
    if missing:
        raise PanelInputError(
            [
                Explanation(
                    _(
                        "The quotas file is missing the column(s) %(missing)s. It needs the "
                        "columns feature, value, min and max."
                    ),
                    missing=", ".join(missing),
                )
            ]
        )
    quotas = []
    for _line, cells in table.rows:
        row = dict(zip(headers, cells, strict=True))
        if any(row[name] for name in QUOTA_COLUMNS):
            quotas.append(Quota(row["feature"], row["value"], row["min"], row["max"]))
    return quotas
