"""Monitoring signals per community group for the city matrix.

The weekly monitoring series (`engage.monitoring.series`) are kept per area, not per
group: on their own they would scale every cell of the matrix alike. One signal does
exist per group *and* per policy area: the share of negative texts. Every analysed
text (`engage.insights`) records its policy area, and its author may have declared a
community group with consent; `engage.insights.breakdown` splits texts that way with
suppression. This module reads the same split for every policy area and every
dimension of the matrix in **one query** (a UNION ALL of one GROUP BY per dimension,
each the breakdown's own), then suppresses each policy area × dimension exactly as
`group_breakdown` does:

- a group written by fewer than SMALL_CELL_THRESHOLD people is suppressed, and
  complementary suppression (`engage.communities.suppression.suppress`) protects it
  against the total minus the other groups ("prefer not to say" and "not declared"
  included);
- a share needs SMALL_CELL_THRESHOLD scored texts; when exactly one group's share is
  hidden, the shown group with the fewest scored texts is hidden too.

A suppressed or absent group has no entry: the matrix then uses the area-wide share
and says so in the reason. Missing is never zero.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.utils import timezone

from engage.communities.models import Declaration, DeclarationConsent
from engage.communities.suppression import VISIBLE, suppress
from engage.insights.conf import NEUTRAL_BAND
from engage.insights.models import TextAnalysis

NOT_DECLARED = "not_declared"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
TOTAL = "total"


def _bounds(filters):
    since, until = filters.signal_period()
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        until + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def _per_dimension(rows, dimension_id):
    declared = Declaration.objects.filter(
        user_id=OuterRef("author_id"),
        dimension_id=dimension_id,
        user_id__in=DeclarationConsent.objects.active().values("user_id"),
    )
    return (
        rows.annotate(
            dimension=Value(dimension_id, output_field=IntegerField()),
            declared=Exists(declared),
            group=Subquery(declared.values("category_id")[:1]),
        )
        .values("policy_area", "dimension", "declared", "group")
        .annotate(
            people=Count("author_id", distinct=True),
            scored=Count("sentiment"),
            negative=Count("content_created_at", filter=Q(sentiment__lt=-NEUTRAL_BAND)),
        )
        .order_by()
    )


def grouped_rows(filters, policy_areas, dimension_ids):
    """The raw rows: (policy area code, dimension id, declared, group) with people,
    scored and negative counts; one query whatever the number of dimensions."""
    if not policy_areas or not dimension_ids:
        return []
    start, end = _bounds(filters)
    rows = TextAnalysis.objects.filter(
        content_visible=True,
        policy_area__in=[area.slug for area in policy_areas],
        content_created_at__gte=start,
        content_created_at__lt=end,
    )
    if filters.area:
        rows = rows.filter(area=filters.area)
    parts = [_per_dimension(rows, dimension_id) for dimension_id in sorted(dimension_ids)]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return list(query)


def negative_share_by_group(filters, policy_areas, groups, threshold=None):
    """`{(policy_area_id, category_id): (share, scored texts)}` of the groups whose
    share can be published (see the module docstring)."""
    limit = settings.SMALL_CELL_THRESHOLD if threshold is None else threshold
    by_dimension = {}
    for group in groups:
        by_dimension.setdefault(group.dimension_id, []).append(group.pk)
    found = {}  # (policy area code, dimension id) -> {key: row}
    for row in grouped_rows(filters, policy_areas, by_dimension):
        if not row["declared"]:
            key = NOT_DECLARED
        elif row["group"] is None:
            key = PREFER_NOT_TO_SAY
        else:
            key = row["group"]
        found.setdefault((row["policy_area"], row["dimension"]), {})[key] = row
    ids = {area.slug: area.pk for area in policy_areas}
    shares = {}
    for (code, dimension_id), cells in found.items():
        keys = [*by_dimension[dimension_id], PREFER_NOT_TO_SAY, NOT_DECLARED]
        published = _publishable(cells, keys, limit)
        for key, value in published.items():
            if key not in (PREFER_NOT_TO_SAY, NOT_DECLARED):
                shares[ids[code], key] = value
    return shares


def _publishable(cells, keys, limit):
    """{key: (share, scored)} of one policy area × dimension after suppression."""
    people = {str(key): cells[key]["people"] if key in cells else 0 for key in keys}
    states = suppress(
        {**people, TOTAL: sum(people.values())},
        relations=[(TOTAL, list(people))],
        limit=limit,
        protected=(TOTAL,),
        public=[name for name, value in people.items() if value == 0],
    )
    shown, hidden = {}, 0
    for key in keys:
        row = cells.get(key)
        scored = row["scored"] if row else 0
        if states[str(key)] != VISIBLE or scored < limit:
            hidden += scored > 0
            continue
        shown[key] = (round(row["negative"] / scored, 4), scored)
    # As breakdown._complement_sentiment: one hidden share next to the shown ones and
    # the total's would give it away, so the smallest shown share is hidden too.
    if hidden == 1 and shown:
        smallest = min(shown, key=lambda key: shown[key][1])
        del shown[smallest]
    return shown
