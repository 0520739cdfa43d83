"""Build the whole city matrix with a constant number of queries.

1. the policy areas (one query), 2. the community groups of the dimension(s) (one),
3. the expected impacts aggregated per policy area × group in the database (one),
4. the assessments' subjects (one) and their perceived impact through the batch
providers of `sources.py` (one call per subject kind), 5. the monitoring signals
through `engage.monitoring.series` (one call per configured series), per area, and
6. the share of negative texts per policy area × group (`group_signals.py`, one
query). The number of policy areas, groups, dimensions or assessments does not change
the number of queries.
"""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils import timezone

from engage.communities.models import Category
from engage.monitoring import series
from engage.policy.models import PolicyArea

from ..models import ExpectedImpact, ImpactAssessment
from . import conf, group_signals, sources
from .formula import AREA, GROUP, CellInputs, score_cell

SIGNAL_WEEKS = 12


@dataclass(frozen=True)
class Filters:
    dimension: str | None = None  # a Dimension slug; None: every dimension
    area: str | None = None  # an Area code for the signals; None: every area
    since: datetime.date | None = None  # assessments created on or after
    until: datetime.date | None = None  # … on or before
    policy_area: str | None = None  # a PolicyArea slug: that row only (its own page)

    def signal_period(self):
        until = self.until or timezone.localdate()
        since = self.since or until - datetime.timedelta(weeks=SIGNAL_WEEKS)
        return since, until

    def with_policy_area(self, slug):
        """The same filters for one policy area's row."""
        return dataclasses.replace(self, policy_area=slug)

    def as_parameters(self):
        return {
            "dimension": self.dimension,
            "area": self.area,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass
class Cell:
    policy_area: object
    group: object
    inputs: CellInputs
    result: object
    assessments: int = 0

    @property
    def score(self):
        return self.result.score


@dataclass
class Matrix:
    filters: Filters
    policy_areas: list
    groups: list
    cells: dict = field(default_factory=dict)  # (policy_area_id, category_id) -> Cell
    signals: dict = field(default_factory=dict)  # name -> value or None

    def cell(self, policy_area, group):
        return self.cells[policy_area.pk, group.pk]

    def rows(self):
        """`[(policy area, [cell per group])]` in display order."""
        return [
            (area, [self.cell(area, group) for group in self.groups]) for area in self.policy_areas
        ]

    def ranked(self, limit=None):
        """The cells with a score, highest first (ties: policy area, then group order)."""
        scored = [cell for cell in self.cells.values() if cell.score is not None]
        order = {area.pk: index for index, area in enumerate(self.policy_areas)}
        group_order = {group.pk: index for index, group in enumerate(self.groups)}
        scored.sort(
            key=lambda cell: (
                -cell.score,
                order[cell.policy_area.pk],
                group_order[cell.group.pk],
            )
        )
        return scored[:limit] if limit else scored

    def records(self):
        """Plain rows (dicts) for JSON and CSV, in display order."""
        for area, cells in self.rows():
            for cell in cells:
                inputs, result = cell.inputs, cell.result
                yield {
                    "policy_area": area.slug,
                    "policy_area_name": area.name,
                    "dimension": cell.group.dimension.slug,
                    "group": cell.group.slug,
                    "group_name": cell.group.name,
                    "risk_weight": inputs.risk_weight,
                    "assessments": cell.assessments,
                    "expected_mean": _round(inputs.expected_mean),
                    "expected_known": inputs.expected_known,
                    "expected_unknown": inputs.expected_unknown,
                    "perceived_mean": _round(inputs.perceived_mean),
                    "perceived_respondents": inputs.perceived_respondents,
                    "tension": _round(inputs.tension),
                    "negative_share": _round(inputs.negative_share),
                    "negative_share_scope": inputs.negative_share_scope,
                    "impact": result.impact,
                    "signal": result.signal,
                    "score": result.score,
                    "reason": result.reason_text(),
                }


def _round(value):
    return None if value is None else round(value, 4)


def _groups(filters):
    groups = Category.objects.select_related("dimension").order_by(
        "dimension__sort_order", "dimension__name", "sort_order", "name", "pk"
    )
    if filters.dimension:
        groups = groups.filter(dimension__slug=filters.dimension)
    return list(groups)


def _assessments(filters):
    assessments = ImpactAssessment.objects.filter(
        status__in=conf.statuses(), policy_area__isnull=False
    )
    if filters.policy_area:
        assessments = assessments.filter(policy_area__slug=filters.policy_area)
    if filters.since:
        assessments = assessments.filter(created_at__date__gte=filters.since)
    if filters.until:
        assessments = assessments.filter(created_at__date__lte=filters.until)
    return assessments


def expected_aggregate(filters=Filters()):
    """`{(policy_area_id, category_id): row}`: the mean, known and unknown counts and
    the number of assessments, in one query."""
    rows = ExpectedImpact.objects.filter(
        assessment__in=_assessments(filters),
    )
    if filters.dimension:
        rows = rows.filter(category__dimension__slug=filters.dimension)
    rows = (
        rows.values("assessment__policy_area_id", "category_id")
        .annotate(
            mean=Avg("impact"),
            known=Count("pk", filter=Q(impact__isnull=False)),
            unknown=Count("pk", filter=Q(impact__isnull=True)),
            assessments=Count("assessment_id", distinct=True),
        )
        .order_by()
    )
    return {(row["assessment__policy_area_id"], row["category_id"]): row for row in rows}


def perceived_aggregate(filters, groups):
    """`{(policy_area_id, category_id): (mean, respondents)}` over the subjects of the
    areas' assessments: the respondent-weighted mean of the published means."""
    scopes = (
        _assessments(filters)
        .exclude(subject_scope="")
        .values_list("policy_area_id", "subject_scope")
    )
    by_kind = defaultdict(lambda: defaultdict(set))  # kind -> key -> policy area ids
    for area_id, scope in scopes:
        kind, _sep, key = scope.partition(":")
        if key and sources.perceived_batch(kind):
            by_kind[kind][key].add(area_id)
    dimension_ids = sorted({group.dimension_id for group in groups})
    sums = defaultdict(lambda: [0.0, 0])
    for kind, keys in by_kind.items():
        answers = sources.perceived_batch(kind)(sorted(keys), dimension_ids)
        for (key, category_id), (mean, people) in answers.items():
            if mean is None or not people:
                continue
            for area_id in keys.get(str(key), ()):
                total = sums[area_id, category_id]
                total[0] += mean * people
                total[1] += people
    return {cell: (total / people, people) for cell, (total, people) in sums.items() if people}


def signals(filters):
    """`{"tension": level or None, "negative_share": share or None}`: the mean of every
    point with a value in the period (in the chosen area, or every area). A series no
    app registered, or without points, is missing."""
    since, until = filters.signal_period()
    areas = [filters.area] if filters.area else None
    found = {}
    names = {"tension": "tension", "sentiment": "negative_share"}
    for name, key in conf.signal_series().items():
        target = names.get(name, name)
        try:
            points = list(series.get(key).provider(since, until, areas))
        except KeyError:
            found[target] = None
            continue
        values = [point.value for point in points if point.value is not None]
        found[target] = sum(values) / len(values) if values else None
    return found


def build_matrix(filters=Filters(), weights=None, signal_weight=None):
    """The `Matrix` of every policy area × every group (of the chosen dimension)."""
    weights = conf.weights() if weights is None else weights
    signal_weight = conf.signal_weight() if signal_weight is None else signal_weight
    policy_areas = PolicyArea.objects.order_by("name", "pk").only(
        "pk", "name", "slug", "risk_weight"
    )
    if filters.policy_area:
        policy_areas = policy_areas.filter(slug=filters.policy_area)
    policy_areas = list(policy_areas)
    groups = _groups(filters)
    expected = expected_aggregate(filters)
    perceived = perceived_aggregate(filters, groups)
    signal = signals(filters)
    by_group = {}
    if "sentiment" in conf.signal_series():
        by_group = group_signals.negative_share_by_group(filters, policy_areas, groups)
    matrix = Matrix(filters, policy_areas, groups, signals=signal)
    for area in policy_areas:
        for group in groups:
            row = expected.get((area.pk, group.pk))
            mean, people = perceived.get((area.pk, group.pk), (None, None))
            own = by_group.get((area.pk, group.pk))
            inputs = CellInputs(
                risk_weight=area.risk_weight,
                expected_mean=None if row is None or row["mean"] is None else float(row["mean"]),
                expected_known=row["known"] if row else 0,
                expected_unknown=row["unknown"] if row else 0,
                perceived_mean=mean,
                perceived_respondents=people,
                tension=signal.get("tension"),
                negative_share=own[0] if own else signal.get("negative_share"),
                negative_share_scope=GROUP if own else AREA,
                negative_share_texts=own[1] if own else None,
            )
            matrix.cells[area.pk, group.pk] = Cell(
                area,
                group,
                inputs,
                score_cell(inputs, weights, signal_weight),
                assessments=row["assessments"] if row else 0,
            )
    return matrix
