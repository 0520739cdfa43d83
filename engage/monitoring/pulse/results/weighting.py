"""Post-stratification weights by area × one dimension (see docs/monitoring.md).

Respondents with a known ward and a declared group in the dimension fall into cells
(a, c). The population share of a cell is π_a · β_c|a: π_a is the ward's share of the
population of the wards that have respondents (from the baseline's population counts;
when a ward has no counts, every ward keeps its share of the respondents instead, so
the weighting only corrects within wards), and β_c|a is the group's share of that
ward's baseline (the nearest enclosing area's when the ward has none). Cells with
people in the population but no respondent cannot be represented: the other cells'
population shares are scaled to sum to 1 and the uncovered share is reported. Each
respondent in cell (a, c) gets the weight

    w(a, c) = (π_a · β_c|a / covered) / (n(a, c) / n)

where n(a, c) is the cell's respondents and n all respondents in cells. The weighted
share of a question is Σ w·positive / Σ w·base over the cells, and its 95% interval is
the Wilson interval at Kish's effective sample size (Σ w·base)² / Σ w²·base.

Respondents without a ward or a declared group (or with "prefer not to say", or with a
group the baseline does not have) are left out of the weighted figures; the result
says how many answers stand behind them. Weights are never published per cell (with
the population shares they would give away the cell's size).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F

from engage.communities.models import Area, BaselineShare, Category

from ..models import Response
from .statistics import effective_sample_size, wilson_interval
from .tallies import question_scales, tally_by_group


@dataclass
class Weighting:
    """The weights of one wave by area × one dimension."""

    weights: dict = field(default_factory=dict)  # (area id, category id) -> weight
    respondents: int = 0  # respondents in cells
    uncovered: float = 0.0  # population share in cells with no respondent
    areas_weighted_by_population: bool = False


class _Baselines:
    """Every baseline share of one dimension and every area's parent, read once (two
    queries), to find each ward's baseline without a query per ward."""

    def __init__(self, dimension):
        self.rows = defaultdict(list)
        for row in BaselineShare.objects.filter(category__dimension=dimension).values(
            "area_id", "category_id", "share", "count"
        ):
            self.rows[row["area_id"]].append(row)
        self.parents = dict(Area.objects.values_list("id", "parent_id"))
        self.cache = {}

    def of(self, area_id):
        """({category id: share}, population or None) of the nearest area (the ward
        itself first) with a baseline; shares normalised to sum to 1."""
        if area_id in self.cache:
            return self.cache[area_id]
        current, seen, shares, population = area_id, set(), {}, None
        while current is not None and current not in seen:
            seen.add(current)
            rows = self.rows.get(current)
            if rows:
                shares = {row["category_id"]: float(row["share"]) for row in rows}
                if current == area_id and all(row["count"] is not None for row in rows):
                    population = sum(row["count"] for row in rows)
                break
            current = self.parents.get(current)
        total = sum(shares.values())
        shares = {category: share / total for category, share in shares.items()} if total else {}
        self.cache[area_id] = (shares, population)
        return self.cache[area_id]


def rolled_up(category_id, known, broader):
    """The category itself if the baseline has it, else the first broader one that
    the baseline has, else None."""
    seen = set()
    while category_id is not None and category_id not in known and category_id not in seen:
        seen.add(category_id)
        category_id = broader.get(category_id)
    return category_id if category_id in known else None


def _sample_cells(wave, dimension):
    """{(area id, declared category id): respondents} of one wave."""
    cells = defaultdict(int)
    online = (
        Response.objects.filter(
            wave=wave,
            area__isnull=False,
            user__declarations__dimension=dimension,
            user__declarations__category__isnull=False,
        )
        .values("area_id", group=F("user__declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    paper = (
        Response.objects.filter(
            wave=wave,
            area__isnull=False,
            declarations__dimension=dimension,
            declarations__category__isnull=False,
        )
        .values("area_id", group=F("declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in [*online, *paper]:
        cells[row["area_id"], row["group"]] += row["n"]
    return cells


def compute_weights(wave, dimension):
    """The `Weighting` of `wave` by area × `dimension` (see the module docstring), and
    the map from declared category to the baseline category it counts under."""
    declared = _sample_cells(wave, dimension)
    broader = dict(Category.objects.filter(dimension=dimension).values_list("id", "broader_id"))
    baselines = _Baselines(dimension)
    cells, mapping = defaultdict(int), {}
    for (area_id, category), n in declared.items():
        shares, _population = baselines.of(area_id)
        target = rolled_up(category, shares, broader)
        mapping[area_id, category] = target
        if target is not None:
            cells[area_id, target] += n
    weighting = Weighting()
    n = sum(cells.values())
    if not n:
        return weighting, mapping
    area_ids = sorted({area for area, _category in cells})
    populations = {area: baselines.of(area)[1] for area in area_ids}
    by_area = defaultdict(int)
    for (area, _category), count in cells.items():
        by_area[area] += count
    if all(populations[area] for area in area_ids):
        total_population = sum(populations[area] for area in area_ids)
        pi = {area: populations[area] / total_population for area in area_ids}
        weighting.areas_weighted_by_population = True
    else:
        pi = {area: by_area[area] / n for area in area_ids}
    targets = {}
    for area in area_ids:
        shares, _population = baselines.of(area)
        for category, share in shares.items():
            targets[area, category] = pi[area] * share
    covered = sum(targets.get(cell, 0.0) for cell in cells)
    weighting.uncovered = max(0.0, 1.0 - covered)
    weighting.respondents = n
    for cell, count in cells.items():
        target = targets.get(cell, 0.0)
        weighting.weights[cell] = (target / covered) / (count / n) if covered else 0.0
    return weighting, mapping


def weighted_results(wave, dimension):
    """{question key: {"share", "interval", "effective_n", "answers"}} of `wave`,
    post-stratified by area × `dimension`, and the `Weighting` used."""
    weighting, mapping = compute_weights(wave, dimension)
    scales = question_scales(wave)
    tallies = tally_by_group(wave, dimension, by_area=True, scales=scales)
    sums = defaultdict(lambda: {"positive": 0.0, "base": 0.0, "answers": 0, "pairs": []})
    for (key, category, area), tally_ in tallies.items():
        target = mapping.get((area, category))
        weight = weighting.weights.get((area, target)) if target is not None else None
        if not weight or not tally_.base:
            continue
        entry = sums[key]
        entry["positive"] += weight * tally_.positive
        entry["base"] += weight * tally_.base
        entry["answers"] += tally_.base
        entry["pairs"].append((weight, tally_.base))
    results = {}
    for key in scales:
        entry = sums.get(key)
        if not entry or not entry["base"]:
            results[key] = {"share": None, "interval": None, "effective_n": 0, "answers": 0}
            continue
        share = entry["positive"] / entry["base"]
        n_eff = effective_sample_size(entry["pairs"])
        interval = wilson_interval(share * n_eff, n_eff) if n_eff else None
        results[key] = {
            "share": share,
            "interval": interval,
            "effective_n": n_eff,
            "answers": entry["answers"],
        }
    return results, weighting
