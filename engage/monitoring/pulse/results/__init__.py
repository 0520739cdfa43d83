"""Results of pulse waves: tallies in SQL (`tallies`), the statistics (`statistics`),
the published results with suppression (`report`), post-stratification weights
(`weighting`) and response representation against the baseline (`representation`)."""

from .report import describe_change, previous_wave, wave_results
from .representation import wave_representation
from .weighting import compute_weights, weighted_results

__all__ = [
    "compute_weights",
    "describe_change",
    "previous_wave",
    "wave_representation",
    "wave_results",
    "weighted_results",
]
