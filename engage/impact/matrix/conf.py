"""The city matrix's weights, read from settings with these defaults.

Every name can be overridden in the Django settings (e.g. `IMPACT_MATRIX_WEIGHTS`);
docs/impact.md ("The city matrix") explains what each one does.
"""

from django.conf import settings

# How much each impact component counts; a missing component is left out and the
# others are re-weighted, it is never counted as zero.
DEFAULT_WEIGHTS = {
    "expected": 0.4,  # harm expected by the assessments (negative expected impact)
    "perceived": 0.3,  # harm perceived by residents (negative perceived impact)
    "gap": 0.2,  # disagreement between expected and perceived impact
    "unknown": 0.1,  # share of the group's rows whose impact is unknown
}
# How much the monitoring signals (tension, negative sentiment) can raise a score.
DEFAULT_SIGNAL_WEIGHT = 0.5
DEFAULT_SIGNAL_SERIES = {"tension": "tension.level", "sentiment": "signals.negative_share"}
DEFAULT_STATUSES = ("in_review", "signed_off", "published")
DEFAULT_FOCUS_SIZE = 10


def weights():
    return {**DEFAULT_WEIGHTS, **getattr(settings, "IMPACT_MATRIX_WEIGHTS", {})}


def signal_weight():
    return float(getattr(settings, "IMPACT_MATRIX_SIGNAL_WEIGHT", DEFAULT_SIGNAL_WEIGHT))


def signal_series():
    return dict(getattr(settings, "IMPACT_MATRIX_SIGNAL_SERIES", DEFAULT_SIGNAL_SERIES))


def statuses():
    """The assessment statuses the matrix reads (drafts are left out by default)."""
    return tuple(getattr(settings, "IMPACT_MATRIX_STATUSES", DEFAULT_STATUSES))


def focus_size():
    return int(getattr(settings, "IMPACT_MATRIX_FOCUS_SIZE", DEFAULT_FOCUS_SIZE))
