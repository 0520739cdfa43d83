"""The publishable form of a representation report: small cells suppressed, shares
and statistics withheld where they would reveal a hidden count, and the flat rows of
the CSV download. Everything shown or exported goes through `publishable_report`."""

import math

from django.utils.translation import pgettext_lazy

from .. import suppression
from .flags import Flag

P_VALUE_BANDS = [(0.001, "< 0.001"), (0.01, "< 0.01"), (0.05, "< 0.05")]


def p_value_band(p_value):
    """A p-value as a band ("< 0.001", "< 0.01", "< 0.05", "≥ 0.05")."""
    for limit, label in P_VALUE_BANDS:
        if p_value < limit:
            return label
    return "≥ 0.05"


def _rounded(value, places=4):
    return None if value is None or math.isinf(value) else round(value, places)


def _count(published):
    return {"count": published.value, "label": published.label}


def dimension_cells(dimension):
    """The counts of one dimension table and the sums between them, for suppression:
    participants = declared + excluded groups + prefer not to say + not declared, and
    declared = the sum of the counted groups."""
    counts = {
        "participants": dimension.participants,
        "declared": dimension.declared,
        "prefer_not_to_say": dimension.prefer_not_to_say,
        "not_declared": dimension.not_declared,
    }
    counted, excluded = [], []
    for row in dimension.rows:
        name = f"category:{row.category_id}"
        counts[name] = row.participants
        (excluded if row.excluded else counted).append(name)
    unknown = dimension.excluded - sum(row.participants for row in dimension.rows if row.excluded)
    counts["other_excluded"] = unknown
    relations = [
        ("declared", counted),
        (
            "participants",
            ["declared", *excluded, "other_excluded", "prefer_not_to_say", "not_declared"],
        ),
    ]
    public = {f"category:{row.category_id}" for row in dimension.rows if row.flag == Flag.ABSENT}
    return counts, relations, public


def publishable_report(report, threshold=None):
    """A JSON-ready dict of `report` with small-cell suppression applied.

    Counts below the threshold read "fewer than N" (zeros too, except for groups
    flagged absent); secondary suppression withholds
    more so none can be recovered from totals. Shares, ratios, intervals and expected
    counts are withheld for suppressed cells, and all shares of a dimension whose
    declared total is hidden; the total variation distance is withheld, and the
    p-value given as a band, when any group count in the dimension is hidden.
    """
    limit = suppression.threshold() if threshold is None else threshold
    total_state = suppression.SMALL if report.participants < limit else suppression.VISIBLE
    out = {
        "scope": report.scope,
        "baseline": {
            "area_code": report.baseline_area_code,
            "area_name": report.baseline_area_name,
            "source": report.baseline_source,
            "year": report.baseline_year,
        },
        "threshold": limit,
        "participants": _count(suppression.publish(report.participants, total_state, limit)),
        "generated_at": report.generated_at,
        "dimensions": [],
    }
    # The participant total is shared by every dimension, so it must read the same in
    # all of them: if any dimension needs it withheld, withhold it everywhere.
    tables = [dimension_cells(dimension) for dimension in report.dimensions]
    withheld = ()
    for counts, relations, public in tables:
        states = suppression.suppress(
            counts, relations, limit, protected={"participants"}, public=public
        )
        if states["participants"] == suppression.WITHHELD:
            withheld = ("participants",)
            total_state = suppression.WITHHELD
    out["participants"] = _count(suppression.publish(report.participants, total_state, limit))
    for dimension, (counts, relations, public) in zip(report.dimensions, tables, strict=True):
        states = suppression.suppress(
            counts, relations, limit, protected={"participants"}, withheld=withheld, public=public
        )
        shown = {name: suppression.publish(counts[name], states[name], limit) for name in counts}
        declared_hidden = shown["declared"].suppressed
        any_group_hidden = any(
            shown[f"category:{row.category_id}"].suppressed for row in dimension.rows
        )
        totals_hidden = any(
            shown[name].suppressed for name in ("participants", "prefer_not_to_say", "not_declared")
        )
        rows = []
        for row in dimension.rows:
            cell = shown[f"category:{row.category_id}"]
            withhold = cell.suppressed or declared_hidden or row.excluded
            rows.append(
                {
                    "category": row.slug,
                    "name": str(row.name),
                    "participants": _count(cell),
                    "share": None if withhold else _rounded(row.share),
                    "baseline_share": None if row.excluded else _rounded(row.baseline_share),
                    "ratio": None if withhold else _rounded(row.ratio, 3),
                    "interval": None
                    if withhold or row.interval is None
                    else [_rounded(row.interval[0]), _rounded(row.interval[1])],
                    "expected": None
                    if declared_hidden or row.excluded
                    else _rounded(row.expected, 1),
                    "flag": row.flag,
                    "flag_label": str(Flag.labels[row.flag]),
                    "excluded": row.excluded,
                }
            )
        p_value = None
        if dimension.p_value is not None and not declared_hidden:
            p_value = (
                p_value_band(dimension.p_value) if any_group_hidden else _rounded(dimension.p_value)
            )
        out["dimensions"].append(
            {
                "dimension": dimension.slug,
                "name": str(dimension.name),
                "participants": _count(shown["participants"]),
                "declared": _count(shown["declared"]),
                "prefer_not_to_say": _count(shown["prefer_not_to_say"]),
                "not_declared": _count(shown["not_declared"]),
                "coverage": None if totals_hidden else _rounded(dimension.coverage, 3),
                "total_variation_distance": None
                if any_group_hidden or declared_hidden
                else _rounded(dimension.total_variation_distance, 3),
                "p_value": p_value,
                "suppressed": any(cell.suppressed for cell in shown.values()),
                "rows": rows,
            }
        )
    return out


CSV_COLUMNS = [
    ("dimension", pgettext_lazy("report column", "dimension")),
    ("category", pgettext_lazy("report column", "group")),
    ("participants", pgettext_lazy("report column", "participants")),
    ("share", pgettext_lazy("report column", "share")),
    ("baseline_share", pgettext_lazy("report column", "baseline share")),
    ("ratio", pgettext_lazy("report column", "ratio")),
    # xgettext:no-python-format
    ("interval_low", pgettext_lazy("report column", "95% interval, low")),
    # xgettext:no-python-format
    ("interval_high", pgettext_lazy("report column", "95% interval, high")),
    ("flag", pgettext_lazy("report column", "flag")),
]


def publishable_rows(published):
    """Flat rows (dicts keyed like CSV_COLUMNS) of a publishable report, for CSV: one
    per group, then one per dimension total."""
    rows = []
    for dimension in published["dimensions"]:
        for row in dimension["rows"]:
            interval = row["interval"] or [None, None]
            rows.append(
                {
                    "dimension": dimension["dimension"],
                    "category": row["category"],
                    "participants": row["participants"]["label"],
                    "share": row["share"],
                    "baseline_share": row["baseline_share"],
                    "ratio": row["ratio"],
                    "interval_low": interval[0],
                    "interval_high": interval[1],
                    "flag": row["flag_label"],
                }
            )
        for key in ("declared", "prefer_not_to_say", "not_declared", "participants"):
            rows.append(
                {
                    "dimension": dimension["dimension"],
                    "category": f"({key})",
                    "participants": dimension[key]["label"],
                }
            )
    return rows
