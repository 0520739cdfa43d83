"""Drawing a panel: `select_panel`, the one place that does it."""

from .algorithms import (
    _draw_from_distribution,
    _draw_legacy,
    _fair_distribution,
    _library_version,
    _LibraryProblem,
    _marginals,
    _problem_key,
    _seeded_library,
)
from .errors import ImpossibleQuotasError
from .feasibility import _raise_if_infeasible, explain_impossible_quotas
from .inputs import DEFAULT_ALGORITHM, LEGACY_ESTIMATE_DRAWS
from .recording import PanelDraw
from .validation import (
    _check_algorithm,
    _check_quotas_match_pool,
    _check_seed,
    _check_size,
    _clean_pool,
    _clean_quotas,
)


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
