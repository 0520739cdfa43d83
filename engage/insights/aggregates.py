"""Text signals per scope and per day or week: what the dashboard and the API show.

`signals_report(scope, interval)` answers, for each period and in total: how many texts
were written (volume), the share analysed and the share not scored, mean sentiment with
its 95% interval, the share negative, abuse flags by category and a polarisation index.
Only visible content counts (withdrawn, hidden, removed and unapproved texts do not).

One SQL `GROUP BY` over `TextAnalysis` computes counts and the power sums of sentiment
(Σx, Σx², Σx³, Σx⁴); the mean, interval and bimodality coefficient follow from those
sums in Python, so PostgreSQL reads each row once (from the scope's partial index) and
SQLite works the same way. Reports are cached per scope and invalidated when a row of
the scope changes (`aggregates_cache`).

Privacy: these are the only numbers about sentiment that leave the database, and they are
never per person. When fewer than SMALL_CELL_THRESHOLD texts of a period were scored,
its sentiment figures are withheld (`suppressed`), since a mean of two texts is nearly
each writer's own score. Counts of texts and of flags are not about anyone's opinion and
are always given. Definitions: docs/text-signals.md#aggregates.
"""

import datetime
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDay, TruncWeek
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.scopes import AREA, CITY, Scope

from . import aggregates_cache
from .analysis import ABUSE_CATEGORIES
from .conf import NEUTRAL_BAND
from .models import TextAnalysis

POLICY_AREA = "policy_area"
INTERVALS = {"day": TruncDay, "week": TruncWeek}
# |sentiment| at or above this is "strong" (the companions of the polarisation index).
STRONG = 0.5
# Two-sided 95% critical values of Student's t for 1..30 degrees of freedom; above 30,
# a Cornish-Fisher expansion around the normal 1.959964 (within 1e-4 of t).
T_95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


@dataclass(frozen=True)
class SignalScope:
    """A scope of the text signals: a `Scope` (consultation, proposal, forum, session,
    area, city) or a policy area (`policy_area:<code>`), which only these reports know."""

    kind: str
    key: str = ""

    @classmethod
    def parse(cls, text):
        text = (text or "").strip()
        kind, _sep, key = text.partition(":")
        if kind == POLICY_AREA:
            if not key.strip():
                raise ValidationError(
                    _("Write policy_area:<code>, with the code of a policy area."),
                    code="invalid_scope",
                )
            return cls(POLICY_AREA, key.strip())
        scope = Scope.parse(text)
        return cls(scope.kind, scope.key)

    def __str__(self):
        return self.kind if self.kind == CITY else f"{self.kind}:{self.key}"

    @property
    def as_scope(self):
        """The `Scope` (for grants and the scope registry); None for a policy area."""
        return None if self.kind == POLICY_AREA else Scope(self.kind, self.key)

    def filter(self):
        """The rows of this scope, as a Q on TextAnalysis."""
        if self.kind == CITY:
            return Q()
        column = aggregates_cache.SCOPE_COLUMNS[self.kind]
        if self.kind in (AREA, POLICY_AREA):
            return Q(**{column: self.key})
        return Q(**{column: int(self.key)})


def _bit(category):
    return 1 << ABUSE_CATEGORIES.index(category)


def _aggregates():
    """The SQL aggregates of one group of rows (counts and power sums)."""
    sentiment = F("sentiment")
    squared = sentiment * sentiment
    # Counts name only columns the scope's partial index carries (never the primary
    # key), so PostgreSQL can answer from the index without visiting the table.
    row = "content_created_at"
    aggregates = {
        "volume": Count("*"),
        "analysed": Count("analysed_at"),
        "scored": Count("sentiment"),
        "s1": Sum(sentiment),
        "s2": Sum(squared),
        "s3": Sum(squared * sentiment),
        "s4": Sum(squared * squared),
        "negative": Count(row, filter=Q(sentiment__lt=-NEUTRAL_BAND)),
        "strongly_negative": Count(row, filter=Q(sentiment__lte=-STRONG)),
        "strongly_positive": Count(row, filter=Q(sentiment__gte=STRONG)),
        "abuse_checked": Count("abuse_flagged"),
        "abuse_flagged": Count(row, filter=Q(abuse_flagged=True)),
    }
    for category in ABUSE_CATEGORIES:
        aggregates[f"abuse_{category}"] = Count(
            row, filter=GreaterThan(F("abuse_mask").bitand(_bit(category)), 0)
        )
    return aggregates


def _share(part, whole):
    return round(part / whole, 4) if whole else None


Z_975 = 1.959964


def _t95(n):
    """The 97.5% quantile of Student's t with n - 1 degrees of freedom."""
    df = n - 1
    if df <= len(T_95):
        return T_95[df - 1]
    z = Z_975
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


def moments(n, s1, s2, s3, s4):
    """(mean, sample variance, skewness G1, excess kurtosis G2) from power sums; the
    ones that n does not allow are None."""
    if not n:
        return None, None, None, None
    mean = s1 / n
    variance = max((s2 - n * mean * mean) / (n - 1), 0.0) if n > 1 else None
    if n < 4:
        return mean, variance, None, None
    m2 = max(s2 / n - mean**2, 0.0)
    if m2 <= 1e-12:
        return mean, variance, None, None
    m3 = s3 / n - 3 * mean * s2 / n + 2 * mean**3
    m4 = s4 / n - 4 * mean * s3 / n + 6 * mean**2 * s2 / n - 3 * mean**4
    g1, g2 = m3 / m2**1.5, m4 / m2**2 - 3
    skewness = g1 * math.sqrt(n * (n - 1)) / (n - 2)
    kurtosis = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
    return mean, variance, skewness, kurtosis


def bimodality_coefficient(n, skewness, kurtosis):
    """Sarle's bimodality coefficient, (G1² + 1) / (G2 + 3(n−1)² / ((n−2)(n−3))):
    5/9 for a uniform spread, higher when scores gather at two ends."""
    if skewness is None or kurtosis is None:
        return None
    denominator = kurtosis + 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))
    return round((skewness**2 + 1) / denominator, 4) if denominator > 0 else None


def summarise(row, threshold):
    """The published figures of one group from its SQL aggregates."""
    n = row["scored"]
    mean, variance, skewness, kurtosis = moments(n, row["s1"], row["s2"], row["s3"], row["s4"])
    suppressed = n < threshold
    summary = {
        "volume": row["volume"],
        "analysed": row["analysed"],
        "share_analysed": _share(row["analysed"], row["volume"]),
        "scored": n,
        "share_not_scored": _share(row["analysed"] - n, row["analysed"]),
        "suppressed": suppressed,
        "mean_sentiment": None,
        "ci95": None,
        "share_negative": None,
        "share_strongly_negative": None,
        "share_strongly_positive": None,
        "polarisation": None,
        "abuse": {
            "checked": row["abuse_checked"],
            "flagged": row["abuse_flagged"],
            "unsupported": row["analysed"] - row["abuse_checked"],
            "by_category": {name: row[f"abuse_{name}"] for name in ABUSE_CATEGORIES},
        },
    }
    if suppressed or mean is None:
        return summary
    summary["mean_sentiment"] = round(mean, 4)
    if variance is not None:
        margin = _t95(n) * math.sqrt(variance / n)
        summary["ci95"] = [round(max(mean - margin, -1.0), 4), round(min(mean + margin, 1.0), 4)]
    summary["share_negative"] = _share(row["negative"], n)
    summary["share_strongly_negative"] = _share(row["strongly_negative"], n)
    summary["share_strongly_positive"] = _share(row["strongly_positive"], n)
    summary["polarisation"] = bimodality_coefficient(n, skewness, kurtosis)
    return summary


def rows_for(scope, since=None, until=None):
    """The visible rows of `scope` in [since, until) (datetimes or None)."""
    rows = TextAnalysis.objects.filter(scope.filter(), content_visible=True)
    if since is not None:
        rows = rows.filter(content_created_at__gte=since)
    if until is not None:
        rows = rows.filter(content_created_at__lt=until)
    return rows


def period_aggregates(scope, interval="week", since=None, until=None):
    """[(period start, SQL aggregates)], oldest first: the one GROUP BY."""
    trunc = INTERVALS[interval]("content_created_at", tzinfo=timezone.get_current_timezone())
    grouped = (
        rows_for(scope, since, until)
        .annotate(period=trunc)
        .values("period")
        .annotate(**_aggregates())
        .order_by("period")
    )
    return [(row["period"], row) for row in grouped]


def _totals(periods):
    totals = {}
    for _period, row in periods:
        for key, value in row.items():
            if key != "period":
                totals[key] = totals.get(key, 0) + (value or 0)
    return totals or dict.fromkeys(_aggregates(), 0)


def _iso(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date().isoformat()
    return value.isoformat() if value is not None else None


SENTIMENT_FIGURES = (
    "mean_sentiment",
    "ci95",
    "share_negative",
    "share_strongly_negative",
    "share_strongly_positive",
    "polarisation",
)


def withhold_recoverable_total(report):
    """Complementary suppression: when a period with scored texts is withheld, the
    total's sentiment figures are withheld too, since the withheld period's sum (count ×
    mean) would otherwise follow from the total minus the published periods."""
    if any(period["suppressed"] and period["scored"] for period in report["periods"]):
        total = report["total"]
        total["suppressed"] = True
        total.update(dict.fromkeys(SENTIMENT_FIGURES))
