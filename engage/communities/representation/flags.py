"""How a group's share compares with its baseline share: the `Flag` of each row of a
representation report, decided by the REPRESENTATION_* settings."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class Flag:
    """How a group's share compares with its baseline share."""

    UNDER = "under"
    OVER = "over"
    ABSENT = "absent"
    IN_RANGE = "in_range"
    TOO_FEW = "too_few"
    EXCLUDED = "excluded"

    labels = {
        UNDER: _("under-represented"),
        OVER: _("over-represented"),
        ABSENT: _("absent"),
        IN_RANGE: _("in range"),
        TOO_FEW: _("too few declarations to say"),
        EXCLUDED: _("excluded from this report"),
    }


def flag_for(count, declared, baseline_share, interval):
    """The flag for one group (see `Flag`), using the REPRESENTATION_* settings."""
    expected = baseline_share * declared
    if count == 0 and expected >= settings.REPRESENTATION_ABSENT_EXPECTED:
        return Flag.ABSENT
    if declared < settings.REPRESENTATION_MIN_DECLARED or interval is None:
        return Flag.TOO_FEW
    low, high = interval
    share = count / declared
    if baseline_share <= 0:
        # No one expected: anyone at all is more than the baseline allows.
        return Flag.OVER if count > 0 else Flag.IN_RANGE
    ratio = share / baseline_share
    if ratio < settings.REPRESENTATION_UNDER_RATIO and high < baseline_share:
        return Flag.UNDER
    if ratio > settings.REPRESENTATION_OVER_RATIO and low > baseline_share:
        return Flag.OVER
    return Flag.IN_RANGE
