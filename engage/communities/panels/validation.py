"""Checking and normalising the inputs of a draw, each problem explained."""

import secrets
from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .errors import Explanation, PanelInputError, SolverUnavailableError
from .inputs import ALGORITHMS, DEFAULT_ALGORITHM, MAX_SEED, Quota, Volunteer


def _check_algorithm(algorithm):
    from sortition_algorithms.committee_generation import GUROBI_AVAILABLE

    algorithm = (algorithm or DEFAULT_ALGORITHM).strip().lower()
    if algorithm not in ALGORITHMS:
        raise PanelInputError(
            [
                Explanation(
                    _("Unknown selection algorithm %(algorithm)s. Use one of: %(choices)s."),
                    algorithm=algorithm,
                    choices=", ".join(ALGORITHMS),
                )
            ]
        )
    if algorithm == "leximin" and not GUROBI_AVAILABLE:
        raise SolverUnavailableError(
            [
                Explanation(
                    _(
                        "The leximin algorithm needs the Gurobi solver (the gurobipy "
                        "package and a licence), which is not installed here. Use maximin "
                        "(the default) or nash, which run on the bundled HiGHS solver."
                    )
                )
            ]
        )
    return algorithm


def _clean_pool(pool):
    volunteers, problems = [], []
    for position, entry in enumerate(pool, start=1):
        volunteer_id, features = entry
        volunteer_id = str(volunteer_id).strip() if volunteer_id is not None else ""
        if not volunteer_id:
            problems.append(
                Explanation(
                    _("Volunteer number %(position)s has no id. Give every volunteer an id."),
                    position=position,
                )
            )
            continue
        clean = {str(key).strip(): str(value or "").strip() for key, value in features.items()}
        volunteers.append(Volunteer(volunteer_id, clean))
    if not volunteers and not problems:
        problems.append(
            Explanation(_("The pool is empty. Add the volunteers before drawing a panel."))
        )
    duplicates = [vid for vid, count in Counter(v.id for v in volunteers).items() if count > 1]
    for volunteer_id in duplicates:
        problems.append(
            Explanation(
                _(
                    "The id %(id)s appears more than once in the pool. Each volunteer must "
                    "appear once, with a unique id."
                ),
                id=volunteer_id,
            )
        )
    if problems:
        raise PanelInputError(problems)
    return volunteers


def _as_count(value):
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError
    return int(text)


def _clean_quotas(quotas):
    cleaned, problems, seen = [], [], set()
    for feature, value, minimum, maximum in quotas:
        feature, value = str(feature).strip(), str(value).strip()
        if not feature or not value:
            problems.append(
                Explanation(
                    _(
                        "A quota has no feature or no value (feature %(feature)s, value "
                        "%(value)s). Give every quota both."
                    ),
                    feature=feature or "-",
                    value=value or "-",
                )
            )
            continue
        try:
            minimum, maximum = _as_count(minimum), _as_count(maximum)
        except ValueError:
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s, value %(value)s: min and max must be whole "
                        "numbers of people, 0 or more (got %(min)s and %(max)s)."
                    ),
                    feature=feature,
                    value=value,
                    min=minimum,
                    max=maximum,
                )
            )
            continue
        if minimum > maximum:
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s, value %(value)s: min %(min)s is more than max "
                        "%(max)s. Make the minimum no larger than the maximum."
                    ),
                    feature=feature,
                    value=value,
                    min=minimum,
                    max=maximum,
                )
            )
        if (feature, value) in seen:
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s, value %(value)s has more than one quota. Keep "
                        "one line per value."
                    ),
                    feature=feature,
                    value=value,
                )
            )
        seen.add((feature, value))
        cleaned.append(Quota(feature, value, minimum, maximum))
    if not cleaned and not problems:
        problems.append(
            Explanation(_("There are no quotas. Add at least one feature, value, min and max."))
        )
    if problems:
        raise PanelInputError(problems)
    return sorted(cleaned)


def _check_size(size):
    try:
        size = _as_count(size)
    except ValueError:
        size = 0
    if size < 1:
        raise PanelInputError(
            [Explanation(_("The panel size must be a whole number of places, 1 or more."))]
        )
    return size


def _check_seed(seed):
    if seed is None or seed == "":
        return secrets.randbelow(MAX_SEED) + 1
    try:
        seed = _as_count(seed)
    except ValueError:
        seed = 0
    if not 1 <= seed <= MAX_SEED:
        raise PanelInputError(
            [
                Explanation(
                    _("The seed must be a whole number from 1 to %(max)s."),
                    max=MAX_SEED,
                )
            ]
        )
    return seed


def _check_quotas_match_pool(volunteers, quotas):
    """Every quota names something in the pool, and every pool value has a quota."""
    problems = []
    pool_values = defaultdict(Counter)
    features = {}
    for volunteer in volunteers:
        for feature, value in volunteer.features.items():
            pool_values[feature][value] += 1
    for quota in quotas:
        features.setdefault(quota.feature, set()).add(quota.value)
    for feature, values in features.items():
        if feature not in pool_values:
            problems.append(
                Explanation(
                    _(
                        "The quotas name the feature %(feature)s, but the pool has no such "
                        "column. Check the spelling against the pool's columns."
                    ),
                    feature=feature,
                )
            )
            continue
        for value in sorted(values - set(pool_values[feature])):
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s, value %(value)s: no volunteer in the pool has "
                        "this value. Check the spelling, or remove the line."
                    ),
                    feature=feature,
                    value=value,
                )
            )
        missing = [v for v in volunteers if v.features.get(feature, "") == ""]
        for volunteer in missing:
            problems.append(
                Explanation(
                    _(
                        "Volunteer %(id)s has no value for feature %(feature)s. Fill it in "
                        "(for example “prefer not to say”) and give that value a quota."
                    ),
                    id=volunteer.id,
                    feature=feature,
                )
            )
        for value, count in sorted(pool_values[feature].items()):
            if value and value not in values:
                problems.append(
                    Explanation(
                        ngettext_lazy(
                            "Feature %(feature)s: %(count)s volunteer has the value "
                            "%(value)s, which has no quota. Add a line for it (min 0 and a "
                            "max as large as the panel if it needs no limit).",
                            "Feature %(feature)s: %(count)s volunteers have the value "
                            "%(value)s, which has no quota. Add a line for it (min 0 and a "
                            "max as large as the panel if it needs no limit).",
                            "count",
                        ),
                        feature=feature,
                        value=value,
                        count=count,
                    )
                )
    if problems:
        raise PanelInputError(problems)


def _value_counts(volunteers, quotas):
    counts = defaultdict(Counter)
    quota_features = {quota.feature for quota in quotas}
    for volunteer in volunteers:
        for feature in quota_features:
            counts[feature][volunteer.features.get(feature, "")] += 1
    return counts
