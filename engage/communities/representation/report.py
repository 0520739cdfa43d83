"""The representation report of one scope: who took part, against the population
baseline (see the package docstring), built in SQL and cached per scope."""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .. import report_cache
from ..models import (
    BaselineShare,
    Category,
    Declaration,
    OfflineDeclaration,
    OfflineParticipant,
    Participation,
)
from ..scopes import Scope, scope_exclusions
from .baselines import BaselineNotFound, resolve_baseline
from .flags import Flag, flag_for
from .publishable import publishable_report
from .statistics import chi_square_goodness_of_fit, total_variation_distance, wilson_interval


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
    baseline categories left out besides those the scope's object is not for
    (`ScopeKind.excluded_categories`: an adult consultation excludes ages 0-14); the other
    baseline shares are renormalised and people who declared an excluded category are
    counted apart. Raises ScopeNotFound / BaselineNotFound / ValidationError.
    """
    if not isinstance(scope, Scope):
        scope = Scope.parse(scope)
    area = resolve_baseline(scope, baseline_area)
    # What the scope itself is not for (an adult consultation: children) is always left
    # out, in reports, alerts, exports and the API alike; callers may leave out more.
    exclude_categories = [*scope_exclusions(scope), *exclude_categories]
    dimension_slug = getattr(dimension, "slug", dimension) or ""
    excluded_key = ",".join(sorted({str(getattr(item, "pk", item)) for item in exclude_categories}))
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
    categories = [
        {
            "id": share.category_id,
            "slug": share.category.slug,
            "dimension__slug": share.category.dimension.slug,
        }
        for share in baseline
    ]
    return report_from_counts(
        scope,
        area,
        baseline,
        counts,
        online=online_people,
        offline=offline_people,
        excluded_ids=_excluded_ids(exclude_categories, categories),
    )


def report_from_counts(scope, area, baseline, counts, *, online, offline, excluded_ids=()):
    """A `RepresentationReport` from counts of people, for any source of participants.

    `baseline`: the `BaselineShare` rows compared with (category and dimension selected);
    `counts`: {(dimension id, category id or None): people} of declared categories
    (None: "prefer not to say"), detailed categories rolled up here to the baseline's;
    `online` and `offline`: how many people took part each way. The participation
    ledger's report and other sources (pulse survey respondents) share it, so they flag,
    test and suppress alike.
    """
    dimension_ids = {share.category.dimension_id for share in baseline}
    counts = _rolled_up(counts, {share.category_id for share in baseline}, dimension_ids)
    participants = online + offline
    by_dimension = defaultdict(list)
    for share in baseline:
        by_dimension[share.category.dimension].append(share)

    report = RepresentationReport(
        scope=str(scope),
        baseline_area_code=area.code,
        baseline_area_name=area.name,
        baseline_source=baseline[0].source if baseline else "",
        baseline_year=baseline[0].year if baseline else None,
        participants=participants,
        online_participants=online,
        offline_participants=offline,
        generated_at=timezone.now().isoformat(),
    )
    for dimension in sorted(by_dimension, key=lambda d: (d.sort_order, d.name)):
        shares = sorted(
            by_dimension[dimension], key=lambda s: (s.category.sort_order, s.category.name)
        )
        report.dimensions.append(
            _dimension_report(dimension, shares, counts, participants, set(excluded_ids))
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
