"""Who answered a wave, against the population baseline: the representation report of
`engage.communities.representation`, built from the wave's respondents (signed-in
people's consented declarations and paper forms' ticks) instead of the participation
ledger, so it flags, tests and suppresses exactly as every other report does."""

from collections import defaultdict

from django.db.models import Count, F
from django.utils import timezone

from engage.communities.models import BaselineShare
from engage.communities.representation import RepresentationReport
from engage.communities.representation.baselines import resolve_baseline
from engage.communities.representation.report import _dimension_report, _rolled_up
from engage.communities.scopes import AREA, CITY, Scope

from ..models import Channel, Response


def _baseline_scope(wave):
    areas = list(wave.areas.all())
    if len(areas) == 1:
        return Scope(AREA, areas[0].code)
    return Scope(CITY)


def _declared_counts(wave, dimension_ids):
    """{(dimension id, category id or None): respondents} of one wave."""
    counts = defaultdict(int)
    responses = Response.objects.filter(wave=wave)
    online = (
        responses.filter(user__declarations__dimension_id__in=dimension_ids)
        .values(
            dimension=F("user__declarations__dimension_id"),
            category=F("user__declarations__category_id"),
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    paper = (
        responses.filter(declarations__dimension_id__in=dimension_ids)
        .values(dimension=F("declarations__dimension_id"), category=F("declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in [*online, *paper]:
        counts[row["dimension"], row["category"]] += row["n"]
    return counts


def wave_representation(wave, dimension=None, baseline_area=None):
    """The `RepresentationReport` of the wave's respondents (raw: show only its
    `publishable()`). Raises `BaselineNotFound` as `representation_report` does."""
    area = resolve_baseline(_baseline_scope(wave), baseline_area)
    baseline = BaselineShare.objects.filter(area=area).select_related("category__dimension")
    if dimension is not None:
        baseline = baseline.filter(category__dimension=dimension)
    baseline = list(baseline)
    participants = Response.objects.filter(wave=wave).count()
    on_paper = Response.objects.filter(wave=wave, channel=Channel.PAPER).count()
    dimension_ids = {share.category.dimension_id for share in baseline}
    counts = _rolled_up(
        _declared_counts(wave, dimension_ids),
        {share.category_id for share in baseline},
        dimension_ids,
    )
    report = RepresentationReport(
        scope=f"pulse:{wave.pk}",
        baseline_area_code=area.code,
        baseline_area_name=area.name,
        baseline_source=baseline[0].source if baseline else "",
        baseline_year=baseline[0].year if baseline else None,
        participants=participants,
        online_participants=participants - on_paper,
        offline_participants=on_paper,
        generated_at=timezone.now().isoformat(),
    )
    by_dimension = defaultdict(list)
    for share in baseline:
        by_dimension[share.category.dimension].append(share)
    for dim in sorted(by_dimension, key=lambda d: (d.sort_order, d.name)):
        shares = sorted(by_dimension[dim], key=lambda s: (s.category.sort_order, s.category.name))
        report.dimensions.append(_dimension_report(dim, shares, counts, participants, set()))
    return report
