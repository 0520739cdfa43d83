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

from .algorithms import _fair_distribution, _library_version
from .csv_input import QUOTA_COLUMNS, read_pool_csv, read_quotas_csv
from .errors import (
    Explanation,
    ImpossibleQuotasError,
    PanelError,
    PanelInputError,
    SelectionFailedError,
    SolverUnavailableError,
)
from .feasibility import explain_impossible_quotas
from .inputs import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DISTRIBUTION_SEED,
    LEGACY_ESTIMATE_DRAWS,
    LEGACY_MAX_ATTEMPTS,
    MAX_SEED,
    Quota,
    Volunteer,
)
from .recording import PanelDraw, record_draw
from .selection import select_panel

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "DISTRIBUTION_SEED",
    "LEGACY_ESTIMATE_DRAWS",
    "LEGACY_MAX_ATTEMPTS",
    "MAX_SEED",
    "QUOTA_COLUMNS",
    "Explanation",
    "ImpossibleQuotasError",
    "PanelDraw",
    "PanelError",
    "PanelInputError",
    "Quota",
    "SelectionFailedError",
    "SolverUnavailableError",
    "Volunteer",
    "_fair_distribution",
    "_library_version",
    "explain_impossible_quotas",
    "read_pool_csv",
    "read_quotas_csv",
    "record_draw",
    "select_panel",
]
