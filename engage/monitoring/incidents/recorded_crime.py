"""Importing police-recorded hate crime counts (`import_recorded_hate_crime FILE.csv`).

Long format, one figure per row, header `area_code,period,category,count`:

- `area_code`: the code of an existing area (a ward or the city);
- `period`: a calendar month `2026-03`, or an ISO week `2026-W10`;
- `category`: the monitored strand, one of race, religion, sexual_orientation,
  disability, transgender, other, or `all` for a published total (names such as
  "Race or ethnicity" or "Sexual orientation" are accepted too);
- `count`: a whole number, 0 or more.

Every problem is reported with its line number, and nothing is imported if there is
any. A figure already imported for the same area, period and category is replaced.
"""

import datetime
import re

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from engage.communities.csvfiles import CSVFileError, read_csv_table
from engage.communities.importers import ImportResult
from engage.communities.models import Area

from .models import Characteristic, RecordedHateCrime

COLUMNS = ["area_code", "period", "category", "count"]
ALL = "all"
CATEGORIES = [*Characteristic.values, ALL]
ALIASES = {
    "race_or_ethnicity": "race",
    "ethnicity": "race",
    "religion_or_belief": "religion",
    "transgender_identity": "transgender",
    "total": ALL,
}
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)


def parse_period(text):
    """(kind, first day) of `2026-03` or `2026-W10`; ValueError when neither."""
    if match := MONTH.match(text):
        return RecordedHateCrime.Period.MONTH, datetime.date(int(match[1]), int(match[2]), 1)
    if match := WEEK.match(text):
        return RecordedHateCrime.Period.WEEK, datetime.date.fromisocalendar(
            int(match[1]), int(match[2]), 1
        )
    raise ValueError(text)


def parse_category(text):
    key = re.sub(r"[\s\-]+", "_", text.strip().lower())
    key = ALIASES.get(key, key)
    if key not in CATEGORIES:
        raise ValueError(text)
    return key


def _check_row(line, row, areas, seen, result):
    problems = len(result.errors)
    area = areas.get(row["area_code"])
    if not row["area_code"]:
        result.error(line, "area_code", _("The area code is empty. Add the area's code."))
    elif area is None:
        result.error(
            line,
            "area_code",
            _("There is no area with the code “%(code)s”. Import the areas first (import_areas).")
            % {"code": row["area_code"]},
        )
    try:
        kind, starts_on = parse_period(row["period"])
    except ValueError:
        kind = starts_on = None
        result.error(
            line,
            "period",
            _("“%(period)s” is not a period. Write a month as 2026-03 or an ISO week as 2026-W10.")
            % {"period": row["period"]},
        )
    try:
        category = parse_category(row["category"])
    except ValueError:
        category = None
        result.error(
            line,
            "category",
            _("“%(category)s” is not a category. Use one of: %(allowed)s.")
            % {"category": row["category"], "allowed": ", ".join(CATEGORIES)},
        )
    try:
        count = int(row["count"])
        if count < 0:
            raise ValueError
    except ValueError:
        count = None
        result.error(
            line,
            "count",
            _("“%(count)s” is not a count. Write a whole number, 0 or more.")
            % {"count": row["count"]},
        )
    if len(result.errors) > problems:
        return None
    key = (area.pk, kind, starts_on, category)
    if key in seen:
        result.error(
            line,
            "",
            _("This area, period and category are already on line %(line)s. Keep one of them.")
            % {"line": seen[key]},
        )
        return None
    seen[key] = line
    return RecordedHateCrime(
        area=area, period_kind=kind, starts_on=starts_on, category=category, count=count
    )


def import_recorded_hate_crime(source):
    """Import the CSV at `source` (a path or a file); returns an `ImportResult` whose
    `created` says how many figures were added and replaced."""
    result = ImportResult()
    try:
        table = read_csv_table(source)
    except CSVFileError as error:
        result.error(error.line, error.column, error.message)
        return result
    if table.header is None:
        result.error(
            1, "", _("The file is empty. It needs the header area_code,period,category,count.")
        )
        return result
    missing = [column for column in COLUMNS if column not in table.header]
    if missing:
        result.error(
            table.header_line,
            "",
            _(
                "The header lacks the column(s) %(columns)s. It must name area_code, period, category and count."
            )
            % {"columns": ", ".join(missing)},
        )
        return result
    if not table.rows:
        result.error(
            table.header_line, "", _("The file has a header but no rows. Add one row per figure.")
        )
        return result
    areas = {area.code: area for area in Area.objects.all()}
    seen, figures = {}, []
    for line, cells in table.rows:
        row = dict(zip(table.header, cells, strict=True))
        figure = _check_row(line, {key: row.get(key, "") for key in COLUMNS}, areas, seen, result)
        if figure is not None:
            figures.append(figure)
    if not result.ok:
        return result
    added = replaced = 0
    with transaction.atomic():
        for figure in figures:
            _row, created = RecordedHateCrime.objects.update_or_create(
                area=figure.area,
                period_kind=figure.period_kind,
                starts_on=figure.starts_on,
                category=figure.category,
                defaults={"count": figure.count},
            )
            added += created
            replaced += not created
    result.created = {"added": added, "replaced": replaced}
    return result
