"""Running the sortition-algorithms library: fair distributions, the legacy draw."""

import functools
import logging
import os
import random
import sys
import threading
from contextlib import contextmanager
from copy import deepcopy
from importlib import metadata

from django.utils.translation import gettext_lazy as _

from .errors import Explanation, SelectionFailedError
from .feasibility import _raise_if_infeasible
from .inputs import DISTRIBUTION_SEED, LEGACY_MAX_ATTEMPTS, Volunteer


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
        from sortition_algorithms.features import (
            FeatureValueMinMax,
            set_default_max_flex,
        )
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
