"""Opinion groups × community groups: who is in each opinion group, by the community
groups of one dimension, from consented declarations, aggregated and suppressed.

`composition(opinion_map, dimension)` answers, for the newest snapshot, how many people
of each opinion group declared each community group of `dimension` (SQL GROUP BY, one
query per opinion group; no per-person row ever leaves this module). Every group's table
goes through `engage.communities.suppression.suppress`: cells below
`SMALL_CELL_THRESHOLD` show as "fewer than N", and another cell is withheld when a small
one could be worked out from the group's size (which the map shows).

Flags, worded without counts so they reveal no suppressed cell:

- **one community only**: every member of an opinion group who declared a community
  group of the dimension declared the same one (and at least `SMALL_CELL_THRESHOLD`
  declared): the group's view may be read as one community's view;
- **majority view missing**: the largest community group of the dimension in the
  baseline of the map's area (the consultation's or forum's, else the city's) has fewer
  than `SMALL_CELL_THRESHOLD` declared members among the people in the conversation;
  plus the tokenism check `majority_viewpoint_missing` on the representation report of
  the map's consultation or forum, where there is one.

Only people allowed by `opinions.view_composition` (`live/rules.py`) see it.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from engage.communities.models import BaselineShare, Category, Declaration
from engage.communities.representation import representation_report
from engage.communities.representation.baselines import resolve_baseline
from engage.communities.scopes import Scope
from engage.communities.suppression import publish, suppress, threshold
from engage.communities.tokenism import majority_viewpoint_missing

from .models import Participant

ONE_COMMUNITY = "one_community"
MAJORITY_MISSING = "majority_missing"
NOT_DECLARED = "not_declared"
SIZE = "size"


@dataclass
class GroupComposition:
    """One opinion group's row: its published size and counts per community group."""

    id: int
    size: int
    cells: list = field(default_factory=list)  # [(Category, PublishedCount)]
    not_declared: object = None  # PublishedCount
    flags: list = field(default_factory=list)  # sentences


@dataclass
class Composition:
    dimension: object
    categories: list
    groups: list = field(default_factory=list)
    flags: list = field(default_factory=list)  # map-wide sentences
    threshold: int = 10


def _user_ids_by_group(opinion_map, groups):
    """{group id: [user ids]} (imported participants have no account and no
    declarations: they count as not declared)."""
    user_of = {}
    for pk, external, user_id in Participant.objects.filter(
        map=opinion_map, user__isnull=False
    ).values_list("pk", "external_id", "user_id"):
        user_of[external or str(pk)] = user_id
    return {
        group["id"]: [user_of[pid] for pid in group["members"] if pid in user_of]
        for group in groups
    }


def declared_counts(user_ids, dimension):
    """{category id: people} among `user_ids` who declared a category of `dimension`
    under a consent that has not been withdrawn (prefer-not-to-say left out)."""
    rows = (
        Declaration.objects.filter(
            user_id__in=user_ids,
            dimension=dimension,
            category__isnull=False,
            user__declaration_consents__withdrawn_at__isnull=True,
        )
        .values("category_id")
        .annotate(people=Count("user_id", distinct=True))
        .order_by()
    )
    return {row["category_id"]: row["people"] for row in rows}


def _group_row(group_id, size, declared, categories, limit):
    counts = {str(c.pk): declared.get(c.pk, 0) for c in categories}
    counts[NOT_DECLARED] = size - sum(declared.values())
    counts[SIZE] = size
    parts = [name for name in counts if name != SIZE]
    states = suppress(counts, [(SIZE, parts)], limit=limit, protected=(SIZE,))
    row = GroupComposition(
        id=group_id,
        size=size,
        cells=[(c, publish(counts[str(c.pk)], states[str(c.pk)], limit)) for c in categories],
        not_declared=publish(counts[NOT_DECLARED], states[NOT_DECLARED], limit),
    )
    total_declared = sum(declared.values())
    present = [pk for pk, n in declared.items() if n > 0]
    if total_declared >= limit and len(present) == 1:
        only = next(c for c in categories if c.pk == present[0])
        row.flags.append(
            (
                ONE_COMMUNITY,
                _(
                    "Everyone in this opinion group who declared a %(dimension)s declared "
                    "%(group)s: its view may be read as one community's view. Check "
                    "whether other communities share it before reporting it."
                )
                % {"dimension": only.dimension.name, "group": only.name},
            )
        )
    return row


def _map_scope(opinion_map):
    try:
        return Scope.parse(opinion_map.scope) if opinion_map.scope else Scope.parse("city")
    except ValidationError:
        return Scope.parse("city")


def _largest_baseline_category(opinion_map, dimension):
    try:
        area = resolve_baseline(_map_scope(opinion_map))
    except ValidationError:
        return None
    share = (
        BaselineShare.objects.filter(area=area, category__dimension=dimension)
        .select_related("category")
        .order_by("-share", "category__sort_order")
        .first()
    )
    return share.category if share else None


def _majority_flags(opinion_map, dimension, overall, limit):
    flags = []
    largest = _largest_baseline_category(opinion_map, dimension)
    if largest is not None and overall.get(largest.pk, 0) < limit:
        flags.append(
            (
                MAJORITY_MISSING,
                _(
                    "%(group)s is the largest group by %(dimension)s in the population, but "
                    "its view is barely present on this map. Reach %(group)s residents "
                    "through everyday channels before reading the map as everyone's view."
                )
                % {"group": largest.name, "dimension": dimension.name},
            )
        )
    if opinion_map.scope:
        try:
            report = representation_report(opinion_map.scope, dimension=dimension.slug)
        except ValidationError:
            report = None
        if report is not None:
            for finding in majority_viewpoint_missing(report):
                flags.append((MAJORITY_MISSING, finding.explanation))
    return flags


def composition(opinion_map, dimension, snapshot=None):
    """The `Composition` of the newest (or given) snapshot's opinion groups by the
    community groups of `dimension`; None when there is no snapshot yet."""
    snapshot = snapshot or opinion_map.snapshots.first()
    if snapshot is None:
        return None
    limit = threshold()
    categories = list(Category.objects.filter(dimension=dimension).select_related("dimension"))
    groups = snapshot.result.get("groups", [])
    users = _user_ids_by_group(opinion_map, groups)
    result = Composition(dimension=dimension, categories=categories, threshold=limit)
    overall = {}
    for group in groups:
        declared = declared_counts(users[group["id"]], dimension)
        for pk, n in declared.items():
            overall[pk] = overall.get(pk, 0) + n
        result.groups.append(
            _group_row(group["id"], len(group["members"]), declared, categories, limit)
        )
    result.flags = _majority_flags(opinion_map, dimension, overall, limit)
    return result
