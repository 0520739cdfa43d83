"""Fair selection of a co-design panel by lot.

When more people volunteer for a co-design session than there are places, staff draw a
panel whose make-up meets quotas: a minimum and a maximum number of people for each
category (value) of each dimension (feature). `select_panel` is the one place that does
it; the `select_panel` management command and any admin view call it.

The draw uses the Sortition Foundation's `sortition-algorithms` package, their
implementation of Flanigan et al., "Fair algorithms for selecting citizens' assemblies"
(Nature, 2021). The fair algorithms (maximin, nash, leximin) first find a probability
distribution over every panel that meets the quotas, chosen so that each volunteer's
chance of selection is as equal as the quotas allow, then draw one panel from it. So each
volunteer's selection probability is known exactly and is shown. The older greedy
"legacy" method is offered only on request: it can leave a rare volunteer almost no
chance; its probabilities can only be estimated by repeating the draw.

Reproducibility: a draw is fixed by the pool, the quotas, the size, the algorithm, the
seed and the version of `sortition-algorithms`. For the fair algorithms the distribution
(and so every probability shown) does not depend on the seed at all; the seed only picks
one panel from it. Row order does not matter (volunteers
are put in id order and quotas in feature/value order first), and the result does not
depend on Python's per-process string hashing, so the same seed gives the same panel in
a later process.
"""

import functools
import logging
import os
import random
import secrets
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Mapping
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field
from importlib import metadata
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

ALGORITHMS = ("maximin", "nash", "leximin", "legacy")
DEFAULT_ALGORITHM = "maximin"
# Repeated legacy draws used to estimate its selection probabilities.
LEGACY_ESTIMATE_DRAWS = 200
LEGACY_MAX_ATTEMPTS = 100
# The fair algorithms' solver runs with this seed, so a pool's probabilities are fixed.
DISTRIBUTION_SEED = 1
# The library treats a seed of 0 as "no seed", so seeds start at 1.
MAX_SEED = 2**31 - 1


class Volunteer(NamedTuple):
    """One person in the pool: an id and their value for each feature (dimension)."""

    id: str
    features: Mapping[str, str]


class Quota(NamedTuple):
    """At least `min` and at most `max` people with `value` for `feature` on the panel."""

    feature: str
    value: str
    min: int
    max: int


class Explanation:
    """A translatable sentence with its values, rendered in the language active when read.

    Kept lazy so an error raised in one place (a task, a command) reads correctly in the
    language of whoever sees it.
    """

    def __init__(self, template, **params):
        self.template = template
        self.params = params

    def __str__(self):
        return str(self.template % self.params)

    def __repr__(self):
        return f"Explanation({str(self)!r})"


class PanelError(Exception):
    """A panel could not be drawn. `explanations` says why, one sentence per problem."""

    def __init__(self, explanations):
        self.explanations = list(explanations)
        super().__init__(self.explanations)

    @property
    def messages(self):
        return [str(explanation) for explanation in self.explanations]

    def __str__(self):
        return "\n".join(self.messages)


class PanelInputError(PanelError):
    """The pool, the quotas, the size or the seed are malformed."""


class ImpossibleQuotasError(PanelError):
    """No panel of the requested size from this pool meets every quota."""


class SolverUnavailableError(PanelError):
    """The requested algorithm needs a solver that is not installed."""


class SelectionFailedError(PanelError):
    """The algorithm ran but did not produce a panel (the legacy method can give up)."""


@dataclass(frozen=True)
class PanelDraw:
    """The outcome of a draw, with everything needed to record and reproduce it.

    `probabilities` maps every volunteer id to their chance of selection: exact for the
    fair algorithms (from the distribution the panel was drawn from), estimated from
    `estimate_draws` repeated draws for legacy, or None when not estimated.
    """

    selected: tuple[str, ...]
    probabilities: dict[str, float] | None
    seed: int
    algorithm: str
    size: int
    quotas: tuple[Quota, ...]
    probability_method: str  # "exact", "estimated" or "unavailable"
    estimate_draws: int = 0
    library_version: str = field(default="")

    def as_record(self):
        """A JSON-ready dict, for storing the draw beside the session it filled."""
        return {
            "algorithm": self.algorithm,
            "seed": self.seed,
            "size": self.size,
            "quotas": [quota._asdict() for quota in self.quotas],
            "selected": list(self.selected),
            "probabilities": self.probabilities,
            "probability_method": self.probability_method,
            "estimate_draws": self.estimate_draws,
            "library": f"sortition-algorithms {self.library_version}",
        }


def select_panel(
    pool,
    quotas,
    size,
    algorithm=DEFAULT_ALGORITHM,
    seed=None,
    *,
    legacy_estimate_draws=LEGACY_ESTIMATE_DRAWS,
):
    """Draw a panel of `size` volunteers from `pool` that meets every quota.

    `pool` is an iterable of `Volunteer` (or `(id, {feature: value})` pairs); `quotas`
    an iterable of `Quota` (or `(feature, value, min, max)` tuples). Every value that a
    volunteer has for a quota'd feature needs a quota line; features without quotas are
    ignored. `algorithm` is maximin (the default), nash, leximin (only where the Gurobi
    solver is installed) or legacy. With no `seed`, one is generated; it is returned in
    the `PanelDraw` so the draw can be repeated.

    Raises `PanelInputError` for malformed input, `ImpossibleQuotasError` (naming each
    quota that cannot be met) when no such panel exists, `SolverUnavailableError` for
    leximin without Gurobi, `SelectionFailedError` if the legacy method gives up.
    """
    algorithm = _check_algorithm(algorithm)
    volunteers = _clean_pool(pool)
    quota_list = _clean_quotas(quotas)
    size = _check_size(size)
    seed = _check_seed(seed)
    _check_quotas_match_pool(volunteers, quota_list)
    problems = explain_impossible_quotas(volunteers, quota_list, size)
    if problems:
        raise ImpossibleQuotasError(problems)

    if algorithm == "legacy":
        problem = _LibraryProblem(volunteers, quota_list, size)
        with _seeded_library(seed):
            _raise_if_infeasible(problem)
            selected, probabilities, draws = _draw_legacy(problem, legacy_estimate_draws)
        method = "estimated" if probabilities is not None else "unavailable"
    else:
        committees, weights = _fair_distribution(
            _problem_key(volunteers, quota_list, size), algorithm
        )
        selected = _draw_from_distribution(committees, weights, seed)
        probabilities = _marginals(volunteers, committees, weights)
        method, draws = "exact", 0

    return PanelDraw(
        selected=tuple(sorted(selected)),
        probabilities=probabilities,
        seed=seed,
        algorithm=algorithm,
        size=size,
        quotas=tuple(quota_list),
        probability_method=method,
        estimate_draws=draws,
        library_version=_library_version(),
    )


def explain_impossible_quotas(volunteers, quotas, size):
    """Explanations for quotas that plainly cannot be met; an empty list if none.

    Catches what can be seen by counting: too few volunteers overall or with a value,
    minimums adding up to more than the places, maximums to fewer. Conflicts between
    features (every woman in the pool is over 65, say) are found by the solver later.
    """
    problems = []
    if len(volunteers) < size:
        problems.append(
            Explanation(
                ngettext_lazy(
                    "There is only %(count)s volunteer for %(size)s places. Reduce the "
                    "panel size or find more volunteers.",
                    "There are only %(count)s volunteers for %(size)s places. Reduce the "
                    "panel size or find more volunteers.",
                    "count",
                ),
                count=len(volunteers),
                size=size,
            )
        )
    counts = _value_counts(volunteers, quotas)
    by_feature = defaultdict(list)
    for quota in quotas:
        by_feature[quota.feature].append(quota)
        available = counts[quota.feature][quota.value]
        if quota.min > available:
            problems.append(
                Explanation(
                    ngettext_lazy(
                        "Feature %(feature)s, value %(value)s: min %(min)s but only "
                        "%(count)s volunteer has it. Lower the minimum or find more "
                        "volunteers with this value.",
                        "Feature %(feature)s, value %(value)s: min %(min)s but only "
                        "%(count)s volunteers have it. Lower the minimum or find more "
                        "volunteers with this value.",
                        "count",
                    ),
                    feature=quota.feature,
                    value=quota.value,
                    min=quota.min,
                    count=available,
                )
            )
    for feature, feature_quotas in by_feature.items():
        total_min = sum(quota.min for quota in feature_quotas)
        if total_min > size:
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s: the minimums add up to %(total)s, more than "
                        "the %(size)s places. Lower some minimums or enlarge the panel."
                    ),
                    feature=feature,
                    total=total_min,
                    size=size,
                )
            )
        # A value can fill no more places than its max, nor more than the people who have it.
        fillable = sum(min(quota.max, counts[feature][quota.value]) for quota in feature_quotas)
        if fillable < size <= len(volunteers):
            problems.append(
                Explanation(
                    _(
                        "Feature %(feature)s: at most %(total)s of the %(size)s places can "
                        "be filled, because each value is limited by its maximum and by "
                        "the volunteers who have it. Raise some maximums."
                    ),
                    feature=feature,
                    total=fillable,
                    size=size,
                )
            )
    return problems


def record_draw(draw, *, session=None, run_by=None):
    """Store `draw` (a `PanelDraw`) as a `PanelSelection`, for the session it filled."""
    from .models import PanelSelection

    record = draw.as_record()
    return PanelSelection.objects.create(
        session=session,
        run_by=run_by,
        algorithm=draw.algorithm,
        seed=draw.seed,
        size=draw.size,
        quotas=record["quotas"],
        selected=record["selected"],
        probabilities=record["probabilities"],
        probability_method=draw.probability_method,
        library_version=draw.library_version,
    )


def _read_table(file, where, lower):
    """The shared CSV reading (`csvfiles.read_csv_table`) of a pool or quotas file, its
    problems as PanelInputError naming the file and line."""
    from .csvfiles import CSVFileError, read_csv_table

    try:
        return read_csv_table(file, lower=lower)
    except CSVFileError as error:
        raise PanelInputError(
            [
                Explanation(
                    where,
                    line=error.line,
                    problem=error.message,
                )
            ]
        ) from None


def read_pool_csv(file):
    """Volunteers from a CSV (path, bytes or stream) with an `id` column and a column per
    feature."""
    table = _read_table(file, _("The pool file, line %(line)s: %(problem)s"), lower=False)
    headers = table.header or []
    if "id" not in headers:
        raise PanelInputError(
            [
                Explanation(
                    _(
                        "The pool file needs an id column (found: %(columns)s). Add a column "
                        "headed id with one unique id per volunteer."
                    ),
                    columns=", ".join(headers) or _("no columns"),
                )
            ]
        )
    pool = []
    for _line, cells in table.rows:
        row = dict(zip(headers, cells, strict=True))
        features = {name: row[name] for name in headers if name != "id"}
        pool.append(Volunteer(row["id"], features))
    return pool


QUOTA_COLUMNS = ("feature", "value", "min", "max")


def read_quotas_csv(file):
    """Quotas from a CSV (path, bytes or stream) with the columns feature, value, min and
    max."""
    table = _read_table(file, _("The quotas file, line %(line)s: %(problem)s"), lower=True)
    headers = table.header or []
    missing = [name for name in QUOTA_COLUMNS if name not in headers]
    if missing:
        raise PanelInputError(
            [
                Explanation(
                    _(
                        "The quotas file is missing the column(s) %(missing)s. It needs the "
                        "columns feature, value, min and max."
                    ),
                    missing=", ".join(missing),
                )
            ]
        )
    quotas = []
    for _line, cells in table.rows:
        row = dict(zip(headers, cells, strict=True))
        if any(row[name] for name in QUOTA_COLUMNS):
            quotas.append(Quota(row["feature"], row["value"], row["min"], row["max"]))
    return quotas


# --- Input checks ----------------------------------------------------------------------


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


# --- The library -----------------------------------------------------------------------


class _Key(str):
    """A volunteer's key inside the library: their position in id order, as text.

    The library keeps panels as frozensets of string keys, and Python salts string
    hashes per process, so set order, and with it which of several equally fair
    distributions the solver finds, would change between runs. Hashing on the position
    makes a seed reproduce the same panel in any process.
    """

    __slots__ = ()

    def __hash__(self):
        return int(self)


class _LibraryProblem:
    """The pool and quotas in the library's terms.

    Features and values are renamed to plain tokens (f0, v0…) because the library
    compares them case-insensitively, which would merge "Other" and "other".
    """

    def __init__(self, volunteers, quotas, size):
        from sortition_algorithms.features import FeatureValueMinMax, set_default_max_flex
        from sortition_algorithms.people import People

        self.size = size
        ordered = sorted(volunteers, key=lambda volunteer: volunteer.id)
        self.ids = {_Key(str(index)): volunteer.id for index, volunteer in enumerate(ordered)}
        self.feature_tokens, self.value_tokens, self.names = {}, {}, {}
        self.features = {}
        for quota in quotas:
            f_token = self.feature_tokens.setdefault(quota.feature, f"f{len(self.feature_tokens)}")
            values = self.features.setdefault(f_token, {})
            v_token = f"v{len(values)}"
            self.value_tokens[quota.feature, quota.value] = v_token
            self.names[f_token, v_token] = (quota.feature, quota.value)
            values[v_token] = FeatureValueMinMax(min=quota.min, max=quota.max)
        set_default_max_flex(self.features)
        self.people = People([])
        for row, (key, volunteer) in enumerate(zip(self.ids, ordered, strict=True), start=2):
            data = {
                f_token: self.value_tokens[feature, volunteer.features[feature]]
                for feature, f_token in self.feature_tokens.items()
            }
            self.people.add(key, data, self.features, row)


_library_lock = threading.Lock()
_library_quietened = False


@contextmanager
def _seeded_library(seed):
    """Run the library with its random source seeded, then put everything back.

    The library keeps one global random source (and seeds the `random` module), so
    draws are serialised and the `random` module's state restored afterwards.
    """
    from sortition_algorithms.utils import set_random_provider

    with _library_lock:
        _quiet_library_output()
        saved_state = random.getstate()
        set_random_provider(seed)
        try:
            yield
        finally:
            set_random_provider(None)
            random.setstate(saved_state)


def _quiet_library_output():
    """Keep the library's chatter out of stdout, which the command uses for the result.

    The library logs progress through its own stdout handlers (the legacy method warns on
    every attempt); here its loggers report only errors, through Django's logging. HiGHS
    prints a banner to the process's stdout (file descriptor 1, not `sys.stdout`) the
    first time a solver is made, so that first solver is made with stdout muted.
    """
    global _library_quietened
    if _library_quietened:
        return
    import highspy
    from sortition_algorithms.utils import override_logging_handlers

    override_logging_handlers([logging.NullHandler()], [logging.NullHandler()])
    for name in ("sortition_algorithms", "sortition_algorithms_user"):
        logging.getLogger(name).setLevel(logging.ERROR)

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _library_quietened = True


def _raise_if_infeasible(problem):
    """Ask the solver for any panel at all; if there is none, explain which quotas to move."""
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import find_any_committee

    try:
        find_any_committee(problem.features, problem.people, problem.size, [])
    except errors.InfeasibleQuotasError as error:
        raise ImpossibleQuotasError(_explain_relaxation(problem, error.features)) from error
    except errors.InfeasibleQuotasCantRelaxError as error:
        raise ImpossibleQuotasError(
            [
                Explanation(
                    _(
                        "No panel of %(size)s from this pool meets all the quotas together, "
                        "even with them loosened. Check the quotas against who volunteered."
                    ),
                    size=problem.size,
                )
            ]
        ) from error


def _explain_relaxation(problem, relaxed):
    """One sentence per quota the library had to loosen to find a panel."""
    problems = []
    for f_token, values in problem.features.items():
        for v_token, original in values.items():
            feature, value = problem.names[f_token, v_token]
            suggestion = relaxed[f_token][v_token]
            if suggestion.min < original.min:
                problems.append(
                    Explanation(
                        _(
                            "Feature %(feature)s, value %(value)s: min %(min)s cannot be met "
                            "together with the other quotas; with this pool it can be at most "
                            "%(suggested)s."
                        ),
                        feature=feature,
                        value=value,
                        min=original.min,
                        suggested=suggestion.min,
                    )
                )
            if suggestion.max > original.max:
                problems.append(
                    Explanation(
                        _(
                            "Feature %(feature)s, value %(value)s: max %(max)s cannot be kept "
                            "together with the other quotas; with this pool it must be at "
                            "least %(suggested)s."
                        ),
                        feature=feature,
                        value=value,
                        max=original.max,
                        suggested=suggestion.max,
                    )
                )
    return problems or [
        Explanation(
            _("No panel of %(size)s from this pool meets all the quotas together."),
            size=problem.size,
        )
    ]


def _problem_key(volunteers, quotas, size):
    """The draw's inputs as one hashable value, in canonical order, for the cache."""
    features = sorted({quota.feature for quota in quotas})
    pool = tuple(
        sorted(
            (volunteer.id, tuple(volunteer.features[feature] for feature in features))
            for volunteer in volunteers
        )
    )
    return tuple(features), pool, tuple(quotas), size


@functools.lru_cache(maxsize=16)
def _fair_distribution(problem_key, algorithm):
    """The fair algorithm's distribution over panels: (panels as sorted id tuples, weights).

    It depends only on the pool, the quotas, the size and the algorithm: the solver runs
    with a fixed seed, and the draw's own seed only picks one panel from it. So the
    probabilities shown are the same whatever seed is used, and repeated draws from the
    same pool (the tests, or staff trying seeds) do not solve the programme again.
    """
    from sortition_algorithms.committee_generation import (
        find_distribution_leximin,
        find_distribution_maximin,
        find_distribution_nash,
        standardize_distribution,
    )

    features, pool, quotas, size = problem_key
    volunteers = [Volunteer(vid, dict(zip(features, values, strict=True))) for vid, values in pool]
    problem = _LibraryProblem(volunteers, list(quotas), size)
    find = {
        "maximin": find_distribution_maximin,
        "nash": find_distribution_nash,
        "leximin": find_distribution_leximin,
    }[algorithm]
    with _seeded_library(DISTRIBUTION_SEED):
        _raise_if_infeasible(problem)
        committees, weights, _report = find(problem.features, problem.people, size, [])
    committees, weights = standardize_distribution(committees, [float(w) for w in weights])
    ordered = sorted(
        (tuple(sorted(problem.ids[key] for key in committee)), weight)
        for committee, weight in zip(committees, weights, strict=True)
    )
    return tuple(panel for panel, _w in ordered), tuple(weight for _p, weight in ordered)


def _draw_from_distribution(committees, weights, seed):
    """Pick one panel with its probability, from a generator of our own seeded by `seed`."""
    point = random.Random(seed).random() * sum(weights)  # noqa: S311 -- a lottery, not a secret
    running = 0.0
    for committee, weight in zip(committees, weights, strict=True):
        running += weight
        if point < running:
            return committee
    return committees[-1]


def _marginals(volunteers, committees, weights):
    chance = {volunteer.id: 0.0 for volunteer in sorted(volunteers, key=lambda v: v.id)}
    for committee, weight in zip(committees, weights, strict=True):
        for volunteer_id in committee:
            chance[volunteer_id] += weight
    return {volunteer_id: min(1.0, max(0.0, value)) for volunteer_id, value in chance.items()}


def _draw_legacy(problem, estimate_draws):
    """One legacy panel, and its selection probabilities estimated over repeated draws.

    The legacy method has no distribution to read; each extra draw continues the same
    seeded random stream, so the estimate is reproducible too.
    """
    from sortition_algorithms import errors
    from sortition_algorithms.committee_generation import find_random_sample_legacy

    def draw():
        committees, _report = find_random_sample_legacy(
            problem.people,
            deepcopy(problem.features),
            problem.size,
            [],
            max_attempts=LEGACY_MAX_ATTEMPTS,
        )
        return committees[0]

    try:
        selected = [problem.ids[key] for key in draw()]
    except errors.SelectionError as error:
        raise SelectionFailedError(
            [
                Explanation(
                    _(
                        "The legacy method could not find a panel that meets the quotas in "
                        "%(attempts)s attempts. Try another seed, or use maximin, which "
                        "always finds one when one exists."
                    ),
                    attempts=LEGACY_MAX_ATTEMPTS,
                )
            ]
        ) from error
    if estimate_draws < 1:
        return selected, None, 0
    times = dict.fromkeys(problem.ids, 0)
    done = 0
    for _draw in range(estimate_draws):
        try:
            panel = draw()
        except errors.SelectionError:
            continue
        done += 1
        for key in panel:
            times[key] += 1
    if not done:
        return selected, None, 0
    return selected, {problem.ids[key]: count / done for key, count in times.items()}, done


def _library_version():
    try:
        return metadata.version("sortition-algorithms")
    except metadata.PackageNotFoundError:  # pragma: no cover - it is a dependency
        return ""
