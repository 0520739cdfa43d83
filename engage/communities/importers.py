"""Importers for population baselines and offline participation, from CSV.

One module used by the management commands and the admin, so both validate alike.
Each importer reads the whole file first and reports every problem line by line
(`ImportResult.errors`: line, column, message saying what to do); only a file with no
problems is written, in one transaction, so nothing is ever half imported.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import report_cache
from .csvfiles import CSVFileError, read_csv_table
from .models import (
    Area,
    BaselineImport,
    BaselineShare,
    Category,
    Dimension,
    OfflineDeclaration,
    OfflineImport,
    OfflineParticipant,
)
from .representation.baselines import ScopeNotFound, scope_area

SHARE_PLACES = Decimal("0.000001")
REQUIRED_BASELINE_COLUMNS = ["area_code", "area_name", "dimension", "category"]
VALUE_COLUMNS = ["count", "share_pct"]
PREFER_NOT_TO_SAY = {"prefer not to say", "prefer-not-to-say", "prefer_not_to_say"}


def category_slug(name):
    """The category code for a name: slugified, with "75+" becoming "75-plus"."""
    return slugify(name.replace("+", " plus"))


@dataclass(frozen=True)
class RowError:
    """One problem: the file line (1 is the header), the column, and what to do."""

    line: int
    column: str
    message: str

    def __str__(self):
        if not self.line:
            return str(self.message)
        where = _("line %(line)s") % {"line": self.line}
        if self.column:
            where = _("line %(line)s, column %(column)s") % {
                "line": self.line,
                "column": self.column,
            }
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """What an import did, or why it did nothing (`errors`)."""

    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    created: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    def error(self, line, column, message):
        self.errors.append(RowError(line, column, message))


def _read_rows(source, result, keep_blank_rows=False):
    """(header, [(line, row dict)]) with keys lower-cased and values stripped, read by
    the shared `read_csv_table`; a file it cannot read becomes one line-numbered error.

    Blank lines are skipped; so are rows of empty cells unless `keep_blank_rows` (an
    offline participant who declared nothing is a row of empty cells)."""
    try:
        table = read_csv_table(source, keep_blank_rows=keep_blank_rows)
    except CSVFileError as error:
        result.error(error.line, error.column, error.message)
        return None, []
    header = table.header
    if header is None:
        result.error(1, "", _("The file is empty. Export the table as CSV with a header row."))
        return None, []
    rows = [(line, dict(zip(header, cells, strict=True))) for line, cells in table.rows]
    if not rows:
        result.error(
            table.header_line, "", _("The file has a header but no rows. Add one row per figure.")
        )
    return header, rows


class _CategoryIndex:
    """Finds dimensions by code and categories by code or name, creating them when
    `create_missing` (the new ones are saved only when the import is written)."""

    def __init__(self, create_missing):
        self.create_missing = create_missing
        self.dimensions = {d.slug: d for d in Dimension.objects.all()}
        self.categories = defaultdict(dict)
        self.new_dimensions = {}
        self.new_categories = {}
        for category in Category.objects.select_related("dimension"):
            names = self.categories[category.dimension.slug]
            for key in (category.slug, category.name, getattr(category, "name_en", None)):
                if key:
                    names[key.lower()] = category

    def dimension(self, code):
        slug = code.strip()
        if slug in self.dimensions:
            return self.dimensions[slug]
        if slug in self.new_dimensions:
            return self.new_dimensions[slug]
        if not self.create_missing:
            return None
        dimension = Dimension(slug=slug, name=slug.replace("_", " ").capitalize())
        self.new_dimensions[slug] = dimension
        return dimension

    def category(self, dimension, text):
        names = self.categories[dimension.slug]
        for key in (text.lower(), category_slug(text)):
            if key in names:
                return names[key]
        if not self.create_missing:
            return None
        category = Category(dimension=dimension, slug=category_slug(text), name=text)
        names[text.lower()] = names[category.slug] = category
        self.new_categories[dimension.slug, category.slug] = category
        return category

    def save_new(self):
        for position, dimension in enumerate(self.new_dimensions.values(), start=1):
            dimension.sort_order = Dimension.objects.count() + position
            dimension.save()
        order = defaultdict(int)
        for category in self.new_categories.values():
            order[category.dimension.slug] += 1
            category.sort_order = order[category.dimension.slug]
            category.save()
        return len(self.new_dimensions), len(self.new_categories)


def _unknown_dimension(result, line, column, code):
    result.error(
        line,
        column,
        _(
            "There is no dimension with the code “%(code)s”. Check the spelling, add it in "
            "the admin first, or import with --create-missing."
        )
        % {"code": code},
    )


def _unknown_category(result, line, column, text, dimension):
    result.error(
        line,
        column,
        _(
            "“%(category)s” is not a group of %(dimension)s. Check the spelling, add it in "
            "the admin first, or import with --create-missing."
        )
        % {"category": text, "dimension": dimension.slug},
    )


def normalise(values):
    """Fractions summing to exactly 1 (6 places) from non-negative `values` (a dict).

    Published figures are rounded, so they rarely sum to the total; the rounding
    remainder goes to the largest category, where it distorts least.
    """
    total = sum(values.values())
    shares = {key: (value / total).quantize(SHARE_PLACES) for key, value in values.items()}
    largest = max(values, key=lambda key: values[key])
    shares[largest] += Decimal(1) - sum(shares.values())
    return shares


def import_baseline(
    source, *, create_missing=False, source_text="", year=None, file_name="", user=None
):
    """Import population baselines from a long-format CSV (see the module docstring).

    Header: `area_code`, `area_name`, `dimension`, `category` and one of `count` or
    `share_pct`; other columns are ignored. Each area and dimension in the file replaces
    that area's earlier baseline for the dimension. Shares are normalised to sum to 1
    and each `BaselineImport` records the total as published; `result.notes` says which
    were normalised.
    """
    result = ImportResult()
    header, rows = _read_rows(source, result)
    if header is None:
        return result
    missing = [column for column in REQUIRED_BASELINE_COLUMNS if column not in header]
    values_given = [column for column in VALUE_COLUMNS if column in header]
    for column in missing:
        result.error(
            1,
            column,
            _("The column “%(column)s” is missing. The header must name %(required)s.")
            % {"column": column, "required": ", ".join(REQUIRED_BASELINE_COLUMNS)},
        )
    if not values_given:
        result.error(
            1, "share_pct", _("Add a column “share_pct” (percentages) or “count” (people).")
        )
    elif len(values_given) > 1:
        result.error(
            1,
            "count",
            _("Give either “count” or “share_pct”, not both: remove one of the two columns."),
        )
    if result.errors:
        return result
    value_column = values_given[0]
    index = _CategoryIndex(create_missing)
    seen = {}
    groups = defaultdict(dict)  # (area_code, dimension slug) -> {category key: value}
    area_names = {}
    for line, row in rows:
        area_code = row["area_code"]
        if not area_code:
            result.error(line, "area_code", _("The area code is empty. Fill it in."))
        dimension_code = row["dimension"]
        dimension = index.dimension(dimension_code) if dimension_code else None
        if not dimension_code:
            result.error(line, "dimension", _("The dimension is empty. Fill it in."))
        elif dimension is None:
            _unknown_dimension(result, line, "dimension", dimension_code)
        category = None
        if not row["category"]:
            result.error(line, "category", _("The category is empty. Fill it in."))
        elif dimension is not None:
            category = index.category(dimension, row["category"])
            if category is None:
                _unknown_category(result, line, "category", row["category"], dimension)
        value = _parse_value(result, line, value_column, row[value_column])
        if area_code and dimension is not None and category is not None:
            key = (area_code, dimension.slug, category.slug)
            if key in seen:
                result.error(
                    line,
                    "category",
                    _(
                        "This row repeats line %(first)s (same area, dimension and "
                        "category). Remove one of them."
                    )
                    % {"first": seen[key]},
                )
            else:
                seen[key] = line
                if value is not None:
                    groups[area_code, dimension.slug][category.slug] = (category, value, line)
            area_names.setdefault(area_code, row["area_name"] or area_code)
    for (area_code, dimension_slug), entries in groups.items():
        if sum(value for _category, value, _line in entries.values()) == 0:
            first_line = min(line for _category, _value, line in entries.values())
            result.error(
                first_line,
                value_column,
                _(
                    "Every figure for %(area)s, %(dimension)s is zero, so no shares can be "
                    "worked out. Check the export."
                )
                % {"area": area_code, "dimension": dimension_slug},
            )
    if result.errors:
        return result
    with transaction.atomic():
        new_dimensions, new_categories = index.save_new()
        result.created = {
            "dimensions": new_dimensions,
            "categories": new_categories,
            "areas": 0,
            "shares": 0,
        }
        areas = {area.code: area for area in Area.objects.filter(code__in=area_names)}
        for code, name in area_names.items():
            if code not in areas:
                areas[code] = Area.objects.create(code=code, name=name)
                result.created["areas"] += 1
        for (area_code, dimension_slug), entries in groups.items():
            area = areas[area_code]
            dimension = index.dimension(dimension_slug)
            values = {slug: value for slug, (_c, value, _l) in entries.items()}
            total = sum(values.values())
            shares = normalise(values)
            if value_column == "share_pct":
                normalised = total != 100
            else:
                normalised = False
            BaselineShare.objects.filter(area=area, category__dimension=dimension).delete()
            BaselineShare.objects.bulk_create(
                BaselineShare(
                    area=area,
                    category=category,
                    share=shares[slug],
                    count=int(value) if value_column == "count" else None,
                    source=source_text,
                    year=year,
                )
                for slug, (category, value, _line) in entries.items()
            )
            result.created["shares"] += len(entries)
            BaselineImport.objects.create(
                area=area,
                dimension=dimension,
                kind=value_column,
                original_total=total,
                normalised=normalised,
                source=source_text,
                year=year,
                file_name=file_name,
                imported_by=user,
            )
            if normalised:
                result.notes.append(
                    _(
                        "%(area)s (%(code)s), %(dimension)s: the shares summed to "
                        "%(total)s %%, so they were scaled to sum to 100 %%."
                    )
                    % {
                        "area": area.name,
                        "code": area.code,
                        "dimension": dimension.slug,
                        "total": total.normalize(),
                    }
                )
    return result


def _parse_value(result, line, column, text):
    if not text:
        result.error(line, column, _("The figure is empty. Fill in a number."))
        return None
    try:
        value = Decimal(text.replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        result.error(
            line,
            column,
            _("“%(value)s” is not a number. Write it with digits, for example 12.5.")
            % {"value": text},
        )
        return None
    if value < 0:
        result.error(
            line,
            column,
            _("“%(value)s” is negative. A population figure is zero or more.") % {"value": text},
        )
        return None
    if column == "share_pct" and value > 100:
        result.error(
            line,
            column,
            _("“%(value)s” is more than 100. Write percentages between 0 and 100.")
            % {"value": text},
        )
        return None
    if column == "count" and value != value.to_integral_value():
        result.error(
            line,
            column,
            _("“%(value)s” is not a whole number. Write counts of people as whole numbers.")
            % {"value": text},
        )
        return None
    return value


def import_offline_participation(source, scope, *, create_missing=False, file_name="", user=None):
    """Add anonymous offline participants (a workshop, paper forms) to `scope`.

    One row per person; each column is a dimension (its code) holding the category
    (code or name), "prefer not to say", or blank for not declared. The scope must be a
    consultation, proposal, forum or session that exists; the participants count in its
    area and in the city too.
    """
    result = ImportResult()
    if not scope.is_recorded:
        result.error(
            0,
            "",
            _(
                "Offline participants are added to a consultation, proposal, forum or "
                "session, not to “%(scope)s”. Name one of those with --scope."
            )
            % {"scope": str(scope)},
        )
        return result
    try:
        area = scope_area(scope)
    except ScopeNotFound as error:
        # `messages`, not `message`: the latter is the text before its placeholders are filled.
        result.error(0, "", " ".join(error.messages))
        return result
    header, rows = _read_rows(source, result, keep_blank_rows=True)
    if header is None:
        return result
    index = _CategoryIndex(create_missing)
    dimensions = {}
    for column in header:
        if not column:
            result.error(
                1, "", _("A column has no name. Name it after a dimension code or remove it.")
            )
            continue
        dimension = index.dimension(column)
        if dimension is None:
            _unknown_dimension(result, 1, column, column)
        else:
            dimensions[column] = dimension
    if len(set(header)) != len(header):
        result.error(1, "", _("A dimension appears in two columns. Keep one of them."))
    answers = []
    for line, row in rows:
        person = {}
        for column, dimension in dimensions.items():
            text = row.get(column, "")
            if not text:
                continue
            if text.lower() in PREFER_NOT_TO_SAY:
                person[dimension.slug] = (dimension, None)
                continue
            category = index.category(dimension, text)
            if category is None:
                _unknown_category(result, line, column, text, dimension)
            else:
                person[dimension.slug] = (dimension, category)
        answers.append(person)
    if result.errors:
        return result
    with transaction.atomic():
        new_dimensions, new_categories = index.save_new()
        batch = OfflineImport.objects.create(
            scope_type=scope.kind,
            scope_id=scope.key,
            file_name=file_name,
            participants=len(answers),
            imported_by=user,
        )
        people = OfflineParticipant.objects.bulk_create(
            OfflineParticipant(batch=batch, scope_type=scope.kind, scope_id=scope.key, area=area)
            for _person in answers
        )
        declarations = [
            OfflineDeclaration(participant=person, dimension=dimension, category=category)
            for person, given in zip(people, answers, strict=True)
            for dimension, category in given.values()
        ]
        OfflineDeclaration.objects.bulk_create(declarations, batch_size=5000)
        report_cache.invalidate_on_commit([scope], area)
    result.created = {
        "participants": len(people),
        "declarations": len(declarations),
        "dimensions": new_dimensions,
        "categories": new_categories,
    }
    return result
