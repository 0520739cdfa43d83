"""The outcome of a draw, and storing it beside the session it filled."""

from dataclasses import dataclass, field

from ..models import PanelSelection
from .inputs import Quota


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


def record_draw(draw, *, session=None, run_by=None):
    """Store `draw` (a `PanelDraw`) as a `PanelSelection`, for the session it filled."""
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
