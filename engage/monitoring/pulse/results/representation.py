"""Who answered a wave, against the population baseline: the representation report of
`engage.communities.representation`, built from the wave's respondents (signed-in
people's consented declarations and paper forms' ticks) instead of the participation
ledger, so it flags, tests and suppresses exactly as every other report does."""

from collections import defaultdict

from django.db.models import Count, F

from engage.communities.models import BaselineShare
from engage.communities.representation.baselines import resolve_baseline
from engage.communities.representation.report import report_from_counts
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
    return report_from_counts(
        f"pulse:{wave.pk}",
        area,
        baseline,
        _declared_counts(wave, dimension_ids),
        online=participants - on_paper,
        offline=on_paper,
    )
