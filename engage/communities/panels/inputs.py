"""What a panel is drawn from: volunteers, quotas, and the choices of algorithm and seed."""

from collections.abc import Mapping
from typing import NamedTuple

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
