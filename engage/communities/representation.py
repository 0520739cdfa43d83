"""Representation reports: who took part in a scope, against the population baseline.

`representation_report(scope)` counts the distinct people in the participation ledger
for a scope, plus anonymous offline participants, joins their consented declarations
and aggregates in SQL (GROUP BY dimension and category; a handful of queries whatever
the number of participants). It compares each group's share with the baseline of the
scope's area and flags under- and over-represented and absent groups, with a 95%
Wilson interval, and per dimension the declaration coverage, the total variation
distance and a chi-square goodness-of-fit p-value. Reports are cached per scope until
participation or declarations change (`report_cache`).

The report object holds raw counts for internal use (`as_dict()`); everything shown
or exported must use `publishable()`, which applies small-cell suppression.
"""

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from statistics import NormalDist

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import report_cache, suppression
from .models import (
    Area,
    BaselineShare,
    Category,
    Declaration,
    OfflineDeclaration,
    OfflineParticipant,
    Participation,
)
from .scopes import AREA, CITY, Scope, scope_kind

CONFIDENCE = 0.95


class Flag:
    """How a group's share compares with its baseline share."""

    UNDER = "under"
    OVER = "over"
    ABSENT = "absent"
    IN_RANGE = "in_range"
    TOO_FEW = "too_few"
    EXCLUDED = "excluded"

    labels = {
        UNDER: _("under-represented"),
        OVER: _("over-represented"),
        ABSENT: _("absent"),
        IN_RANGE: _("in range"),
        TOO_FEW: _("too few declarations to say"),
        EXCLUDED: _("excluded from this report"),
    }


class ScopeNotFound(ValidationError):
    """The scope names something that does not exist."""


class BaselineNotFound(ValidationError):
    """No baseline can be found for the scope, or the one named does not exist."""


# --- statistics ------------------------------------------------------------------------


def wilson_interval(successes, trials, confidence=CONFIDENCE):
    """The Wilson score interval (low, high) for a proportion; None when `trials` is 0."""
    if trials <= 0:
        return None
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / trials
    z2n = z * z / trials
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(p * (1 - p) / trials + z2n / (4 * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def chi_square_goodness_of_fit(observed, expected_shares):
    """(statistic, p-value) for counts `observed` against `expected_shares` (same
    order, summing to 1). Categories with a zero expected share are left out of the
    test; anyone observed in one makes the fit impossible (statistic inf, p 0). None
    when there is nobody or fewer than two categories to compare."""
    total = sum(observed)
    if total <= 0:
        return None
    pairs = [(o, e * total) for o, e in zip(observed, expected_shares, strict=True) if e > 0]
    if any(o > 0 for o, e in zip(observed, expected_shares, strict=True) if e <= 0):
        return math.inf, 0.0
    if len(pairs) < 2:
        return None
    statistic = sum((o - e) ** 2 / e for o, e in pairs)
    from scipy.stats import chi2

    return statistic, float(chi2.sf(statistic, len(pairs) - 1))


def total_variation_distance(shares, baseline_shares):
    """Half the sum of absolute differences between two distributions (0 to 1)."""
    return 0.5 * sum(abs(s - b) for s, b in zip(shares, baseline_shares, strict=True))


def flag_for(count, declared, baseline_share, interval):
    """The flag for one group (see `Flag`), using the REPRESENTATION_* settings."""
    expected = baseline_share * declared
    if count == 0 and expected >= settings.REPRESENTATION_ABSENT_EXPECTED:
        return Flag.ABSENT
    if declared < settings.REPRESENTATION_MIN_DECLARED or interval is None:
        return Flag.TOO_FEW
    low, high = interval
    share = count / declared
    if baseline_share <= 0:
        # No one expected: anyone at all is more than the baseline allows.
        return Flag.OVER if count > 0 else Flag.IN_RANGE
    ratio = share / baseline_share
    if ratio < settings.REPRESENTATION_UNDER_RATIO and high < baseline_share:
        return Flag.UNDER
    if ratio > settings.REPRESENTATION_OVER_RATIO and low > baseline_share:
        return Flag.OVER
    return Flag.IN_RANGE


# --- scopes and baselines ----------------------------------------------------------------


def scope_area(scope):
    """The `Area` a scope belongs to, or None (the whole city, or no area given).

    Raises `ScopeNotFound` when the consultation, forum, session or area does not exist.
    """
    not_found = ScopeNotFound(
        _("There is no %(scope)s. Check the id (it is shown in the admin)."),
        code="scope_not_found",
        params={"scope": str(scope)},
    )
    if scope.kind == CITY:
        return None
    if scope.kind == AREA:
        area = Area.objects.filter(code=scope.key).first()
        if area is None:
            raise not_found
        return area
    registered = scope_kind(scope.kind)
    if registered is None:
        return None  # proposals belong to consultations; no area of their own yet
    obj = registered.get(scope.key)
    if obj is None:
        raise not_found
    return registered.area(obj)


def city_area():
    """The area city-wide reports compare with: CITY_AREA_CODE, else the only area
    that is part of no other; None when neither decides."""
    if settings.CITY_AREA_CODE:
        return Area.objects.filter(code=settings.CITY_AREA_CODE).first()
    roots = list(Area.objects.filter(parent__isnull=True)[:2])
    return roots[0] if len(roots) == 1 else None


def resolve_baseline(scope, baseline_area=None):
    """The `Area` whose baseline a report on `scope` uses.

    An area named explicitly (an `Area` or its code) wins; otherwise the scope's own
    area, walking up to the first enclosing area that has a baseline; otherwise the
    city's. Raises `BaselineNotFound` with what to do.
    """
    if baseline_area is not None and not isinstance(baseline_area, Area):
        code = str(baseline_area).strip()
        baseline_area = Area.objects.filter(code=code).first()
        if baseline_area is None:
            raise BaselineNotFound(
                _(
                    "There is no area with the code “%(code)s”. Import its baseline with "
                    "import_baseline, or name another area."
                ),
                code="baseline_not_found",
                params={"code": code},
            )
    if baseline_area is not None:
        return baseline_area
    area = scope_area(scope)
    seen = set()
    while area is not None and area.pk not in seen:
        seen.add(area.pk)
        if BaselineShare.objects.filter(area=area).exists():
            return area
        area = area.parent
    area = city_area()
    if area is not None:
        return area
    raise BaselineNotFound(
        _(
            "%(scope)s has no area with a population baseline. Name the baseline to compare "
            "with (--baseline AREA_CODE, or &baseline= in the API)."
        ),
        code="no_baseline",
        params={"scope": str(scope)},
    )


# --- the report --------------------------------------------------------------------------


@dataclass
class CategoryRow:
    """One community group in one dimension of a report (raw figures)."""

    category_id: int
    slug: str
    name: str
    participants: int
    share: float | None
    baseline_share: float
    ratio: float | None
    interval: tuple | None
    expected: float
    flag: str
    excluded: bool = False


@dataclass
class DimensionReport:
    """One dimension of a report (raw figures)."""

    slug: str
    name: str
    participants: int
    declared: int  # declared a category counted in the report (not excluded)
    excluded: int  # declared a category excluded from the report
    prefer_not_to_say: int
    not_declared: int
    coverage: float | None
    total_variation_distance: float | None
    chi_square: float | None
    p_value: float | None
    rows: list = field(default_factory=list)


@dataclass
class RepresentationReport:
    """A representation report for one scope against one area's baseline."""

    scope: str
    baseline_area_code: str
    baseline_area_name: str
    baseline_source: str
    baseline_year: int | None
    participants: int
    online_participants: int
    offline_participants: int
    generated_at: str
    dimensions: list = field(default_factory=list)

    def as_dict(self):
        """Raw figures, for internal use only: never show or export these."""
        return asdict(self)

    def publishable(self, threshold=None):
        """The report with small cells suppressed: what pages, charts, exports and the
        API may show. See `engage.communities.suppression`."""
        return publishable_report(self, threshold)


def _excluded_ids(exclude_categories, categories):
    """Category ids from Category objects, ids, "dimension:slug" or slugs."""
    ids = set()
    for item in exclude_categories:
        if hasattr(item, "pk"):
            ids.add(item.pk)
        elif isinstance(item, int):
            ids.add(item)
        else:
            text = str(item)
            dimension, _sep, slug = text.rpartition(":")
            ids.update(
                c["id"]
                for c in categories
                if c["slug"] == slug and (not dimension or c["dimension__slug"] == dimension)
            )
    return ids


def representation_report(
    scope, dimension=None, baseline_area=None, exclude_categories=(), *, use_cache=True
):
    """The `RepresentationReport` for `scope` (a `Scope` or its text).

    `dimension`: a dimension code to report on only that one. `baseline_area`: an `Area`
    or area code to compare with (default: see `resolve_baseline`). `exclude_categories`:
    baseline categories left out (an adult consultation excludes ages 0-14); the other
    baseline shares are renormalised and people who declared an excluded category are
    counted apart. Raises ScopeNotFound / BaselineNotFound / ValidationError.
    """
    if not isinstance(scope, Scope):
        scope = Scope.parse(scope)
    area = resolve_baseline(scope, baseline_area)
    dimension_slug = getattr(dimension, "slug", dimension) or ""
    excluded_key = ",".join(sorted(str(getattr(item, "pk", item)) for item in exclude_categories))
    key = None
    if use_cache:
        scope_version, declarations_version = report_cache.version(scope)
        key = (
            f"{report_cache.PREFIX}:report:{scope}:{scope_version}:{declarations_version}:"
            f"{area.code}:{dimension_slug}:{excluded_key}:{translation.get_language()}"
        )
        cached = cache.get(key)
        if cached is not None:
            return cached
    report = _build_report(scope, area, dimension_slug, exclude_categories)
    if key is not None:
        cache.set(key, report, settings.REPRESENTATION_CACHE_SECONDS)
    return report


def _build_report(scope, area, dimension_slug, exclude_categories):
    baseline = BaselineShare.objects.filter(area=area).select_related("category__dimension")
    if dimension_slug:
        baseline = baseline.filter(category__dimension__slug=dimension_slug)
    baseline = list(baseline)
    if not baseline:
        raise BaselineNotFound(
            _(
                "%(area)s has no baseline%(for_dimension)s. Import one with import_baseline, "
                "or name another area."
            ),
            code="empty_baseline",
            params={
                "area": f"{area.name} ({area.code})",
                "for_dimension": f" ({dimension_slug})" if dimension_slug else "",
            },
        )
    ledger = Participation.objects.in_scope(scope)
    offline = OfflineParticipant.objects.in_scope(scope)
    online_people = ledger.aggregate(n=Count("user_id", distinct=True))["n"]
    offline_people = offline.count()
    participants = online_people + offline_people
    dimension_ids = {share.category.dimension_id for share in baseline}

    online = (
        Declaration.objects.filter(
            user_id__in=ledger.values("user_id"), dimension_id__in=dimension_ids
        )
        .values("dimension_id", "category_id")
        .annotate(people=Count("*"))
        .order_by()
    )
    offline_counts = (
        OfflineDeclaration.objects.filter(
            participant__in=offline.values("pk"), dimension_id__in=dimension_ids
        )
        .values("dimension_id", "category_id")
        .annotate(people=Count("*"))
        .order_by()
    )
    counts = defaultdict(int)  # (dimension id, category id or None) -> people
    for row in online.union(offline_counts, all=True):
        counts[row["dimension_id"], row["category_id"]] += row["people"]
    counts = _rolled_up(counts, {share.category_id for share in baseline}, dimension_ids)

    categories = [
        {
            "id": share.category_id,
            "slug": share.category.slug,
            "dimension__slug": share.category.dimension.slug,
        }
        for share in baseline
    ]
    excluded_ids = _excluded_ids(exclude_categories, categories)
    by_dimension = defaultdict(list)
    for share in baseline:
        by_dimension[share.category.dimension].append(share)

    report = RepresentationReport(
        scope=str(scope),
        baseline_area_code=area.code,
        baseline_area_name=area.name,
        baseline_source=baseline[0].source,
        baseline_year=baseline[0].year,
        participants=participants,
        online_participants=online_people,
        offline_participants=offline_people,
        generated_at=timezone.now().isoformat(),
    )
    for dimension in sorted(by_dimension, key=lambda d: (d.sort_order, d.name)):
        shares = sorted(
            by_dimension[dimension], key=lambda s: (s.category.sort_order, s.category.name)
        )
        report.dimensions.append(
            _dimension_report(dimension, shares, counts, participants, excluded_ids)
        )
    return report


def _rolled_up(counts, baseline_ids, dimension_ids):
    """Count people who declared a detailed category under the broader category the
    baseline has (Category.broader, followed up as far as needed); one query."""
    if all(category is None or category in baseline_ids for _dim, category in counts):
        return counts
    broader = dict(
        Category.objects.filter(dimension_id__in=dimension_ids).values_list("id", "broader_id")
    )
    rolled = defaultdict(int)
    for (dimension_id, category), people in counts.items():
        target, seen = category, set()
        while target is not None and target not in baseline_ids and target not in seen:
            seen.add(target)
            target = broader.get(target)
        if target is None or target not in baseline_ids:
            target = category  # no broader category with a baseline: leave it as it was
        rolled[dimension_id, target] += people
    return rolled


def _dimension_report(dimension, shares, counts, participants, excluded_ids):
    known = {share.category_id for share in shares}
    included = [share for share in shares if share.category_id not in excluded_ids]
    excluded = [share for share in shares if share.category_id in excluded_ids]
    # People who declared a category with no baseline here count as excluded too.
    unknown = sum(
        n
        for (dim, cat), n in counts.items()
        if dim == dimension.pk and cat is not None and cat not in known
    )
    declared = sum(counts[dimension.pk, share.category_id] for share in included)
    excluded_people = sum(counts[dimension.pk, share.category_id] for share in excluded) + unknown
    prefer_not = counts[dimension.pk, None]
    baseline_total = sum(float(share.share) for share in included)
    rows = []
    for share in included:
        count = counts[dimension.pk, share.category_id]
        base = float(share.share) / baseline_total if baseline_total > 0 else 0.0
        interval = wilson_interval(count, declared)
        proportion = count / declared if declared else None
        rows.append(
            CategoryRow(
                category_id=share.category_id,
                slug=share.category.slug,
                name=share.category.name,
                participants=count,
                share=proportion,
                baseline_share=base,
                ratio=proportion / base if proportion is not None and base > 0 else None,
                interval=interval,
                expected=base * declared,
                flag=flag_for(count, declared, base, interval),
            )
        )
    for share in excluded:
        rows.append(
            CategoryRow(
                category_id=share.category_id,
                slug=share.category.slug,
                name=share.category.name,
                participants=counts[dimension.pk, share.category_id],
                share=None,
                baseline_share=0.0,
                ratio=None,
                interval=None,
                expected=0.0,
                flag=Flag.EXCLUDED,
                excluded=True,
            )
        )
    counted = [row for row in rows if not row.excluded]
    fit = chi_square_goodness_of_fit(
        [row.participants for row in counted], [row.baseline_share for row in counted]
    )
    return DimensionReport(
        slug=dimension.slug,
        name=dimension.name,
        participants=participants,
        declared=declared,
        excluded=excluded_people,
        prefer_not_to_say=prefer_not,
        not_declared=participants - declared - excluded_people - prefer_not,
        coverage=(declared + excluded_people) / participants if participants else None,
        total_variation_distance=(
            total_variation_distance(
                [row.share for row in counted], [row.baseline_share for row in counted]
            )
            if declared
            else None
        ),
        chi_square=fit[0] if fit else None,
        p_value=fit[1] if fit else None,
        rows=rows,
    )


# --- the publishable form ----------------------------------------------------------------

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
