"""The city matrix's formula: one cell (a policy area × a community group) as pure
functions, without the database. docs/impact.md ("The city matrix") explains it with a
worked example, which tests/impact/test_matrix_formula.py computes.

Inputs of a cell (`CellInputs`), any of which may be missing (None):

- `risk_weight`: the policy area's polarisation-risk weight, 0–5;
- `expected_mean`, `expected_known`, `expected_unknown`: the mean expected impact
  (−2…+2) of the group's rows in the policy area's assessments, and how many rows have
  a known or an unknown impact;
- `perceived_mean`, `perceived_respondents`: the residents' mean perceived impact of the
  group (−2…+2) over the area's consultations, and how many answered;
- `tension` (level 1–5) and `negative_share` (0–1): the monitoring signals. Tension
  is only known per area (the same for every group); the share of negative texts is
  the group's own in the policy area when it can be published
  (`negative_share_scope` "group", see `group_signals.py`), otherwise the area's.

Components, each between 0 and 1 (1 = most concern):

- expected  = max(0, −expected_mean) / 2        harm expected by the assessments
- perceived = max(0, −perceived_mean) / 2       harm perceived by residents
- gap       = |expected_mean − perceived_mean| / 4  the two disagree
- unknown   = expected_unknown / (known + unknown)  the group's impact is not known

impact = Σ weight × component / Σ weight, over the components present (a missing one
is left out, never counted as zero); signal = the mean of (tension − 1) / 4 and
negative_share, over those present; and

    score = 100 × risk_weight / 5 × impact × (1 + signal_weight × signal)

(without signals the last factor is 1). The score is missing when the risk weight is
missing, or when neither an expected nor a perceived impact is known.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import conf

MAX_WEIGHT = 5
COMPONENTS = ("expected", "perceived", "gap", "unknown")

INPUT_LABELS = {
    "risk_weight": _("policy area's risk weight"),
    "expected": _("expected impact"),
    "perceived": _("perceived impact"),
    "gap": _("gap between expected and perceived impact"),
    "unknown": _("rows with unknown impact"),
    "tension": _("tension level, area-wide"),
    "negative_share": _("share of negative texts, area-wide"),
    "negative_share_group": _("share of negative texts by this group in this policy area"),
}

GROUP = "group"
AREA = "area"


@dataclass(frozen=True)
class CellInputs:
    risk_weight: int | None = None
    expected_mean: float | None = None
    expected_known: int = 0
    expected_unknown: int = 0
    perceived_mean: float | None = None
    perceived_respondents: int | None = None
    tension: float | None = None
    negative_share: float | None = None
    # "group": the group's own share in the policy area; "area": the area-wide share.
    negative_share_scope: str = AREA
    negative_share_texts: int | None = None


@dataclass(frozen=True)
class Reason:
    """One input behind a score: its key, its figure (None when missing) and whether it
    raised the score (`concern`, 0–1), for sorting the explanation."""

    key: str
    figure: str | None
    concern: float | None = None

    @property
    def missing(self):
        return self.figure is None

    def text(self):
        label = INPUT_LABELS[self.key]
        if self.figure is None:
            return _("%(input)s: missing") % {"input": label}
        return _("%(input)s: %(figure)s") % {"input": label, "figure": self.figure}


@dataclass(frozen=True)
class CellResult:
    score: float | None
    impact: float | None
    signal: float | None
    components: dict = field(default_factory=dict)
    inputs: CellInputs = field(default_factory=CellInputs)

    @property
    def missing(self):
        return self.score is None

    @cached_property
    def reasons(self):
        """Every input as a `Reason`, worded only when asked for (a page or a download),
        not while the whole matrix is computed."""
        return tuple(_reasons(self.inputs, self.components))

    def reason_text(self):
        """The reason in one line: the inputs present, largest concern first, then the
        missing ones."""
        present = sorted(
            (reason for reason in self.reasons if not reason.missing),
            key=lambda reason: -(reason.concern or 0),
        )
        missing = [reason for reason in self.reasons if reason.missing]
        return "; ".join(str(reason.text()) for reason in [*present, *missing])


def _signed(value):
    return f"{value:+.2f}"


def components(inputs):
    """`{component: value between 0 and 1}` of the components that can be computed."""
    found = {}
    expected, perceived = inputs.expected_mean, inputs.perceived_mean
    if expected is not None:
        found["expected"] = max(0.0, -expected) / 2
    if perceived is not None:
        found["perceived"] = max(0.0, -perceived) / 2
    if expected is not None and perceived is not None:
        found["gap"] = abs(expected - perceived) / 4
    rows = inputs.expected_known + inputs.expected_unknown
    if rows:
        found["unknown"] = inputs.expected_unknown / rows
    return found


def impact_of(found, weights):
    """The weighted mean of the components present; None without an expected or a
    perceived impact (the share of unknown rows alone says nothing about harm)."""
    if "expected" not in found and "perceived" not in found:
        return None
    total = sum(weights[name] for name in found)
    if total <= 0:
        return None
    return sum(weights[name] * value for name, value in found.items()) / total


def signal_of(inputs):
    """The mean of the signals present (0–1), None when there is none."""
    parts = []
    if inputs.tension is not None:
        parts.append(min(1.0, max(0.0, (inputs.tension - 1) / 4)))
    if inputs.negative_share is not None:
        parts.append(min(1.0, max(0.0, inputs.negative_share)))
    return sum(parts) / len(parts) if parts else None


def score_cell(inputs, weights=None, signal_weight=None):
    """The `CellResult` of one cell; weights default to the settings (`conf`)."""
    weights = conf.weights() if weights is None else weights
    signal_weight = conf.signal_weight() if signal_weight is None else signal_weight
    found = components(inputs)
    impact = impact_of(found, weights)
    signal = signal_of(inputs)
    score = None
    if inputs.risk_weight is not None and impact is not None:
        factor = 1 + signal_weight * signal if signal is not None else 1
        score = round(100 * inputs.risk_weight / MAX_WEIGHT * impact * factor, 1)
    return CellResult(
        score=score,
        impact=None if impact is None else round(impact, 4),
        signal=None if signal is None else round(signal, 4),
        components={name: round(value, 4) for name, value in found.items()},
        inputs=inputs,
    )


def _reasons(inputs, found):
    weight = inputs.risk_weight
    yield Reason(
        "risk_weight",
        None if weight is None else f"{weight}/{MAX_WEIGHT}",
        None if weight is None else weight / MAX_WEIGHT,
    )
    if inputs.expected_mean is None:
        yield Reason("expected", None)
    else:
        yield Reason(
            "expected",
            ngettext(
                "%(mean)s on average over %(rows)s row",
                "%(mean)s on average over %(rows)s rows",
                inputs.expected_known,
            )
            % {"mean": _signed(inputs.expected_mean), "rows": inputs.expected_known},
            found.get("expected"),
        )
    if inputs.perceived_mean is None:
        yield Reason("perceived", None)
    else:
        yield Reason(
            "perceived",
            ngettext(
                "%(mean)s on average (%(people)s person)",
                "%(mean)s on average (%(people)s people)",
                inputs.perceived_respondents or 0,
            )
            % {"mean": _signed(inputs.perceived_mean), "people": inputs.perceived_respondents},
            found.get("perceived"),
        )
    if "gap" in found:
        gap = abs(inputs.expected_mean - inputs.perceived_mean)
        yield Reason("gap", f"{gap:.2f}", found["gap"])
    if inputs.expected_unknown:
        rows = inputs.expected_known + inputs.expected_unknown
        yield Reason(
            "unknown",
            _("%(unknown)s of %(rows)s") % {"unknown": inputs.expected_unknown, "rows": rows},
            found.get("unknown"),
        )
    yield Reason(
        "tension",
        None if inputs.tension is None else f"{inputs.tension:.1f}/5",
        None if inputs.tension is None else (inputs.tension - 1) / 4,
    )
    if inputs.negative_share is not None and inputs.negative_share_scope == GROUP:
        yield Reason(
            "negative_share_group",
            ngettext(
                "%(share)s of %(texts)s text",
                "%(share)s of %(texts)s texts",
                inputs.negative_share_texts or 0,
            )
            % {"share": f"{inputs.negative_share:.0%}", "texts": inputs.negative_share_texts},
            inputs.negative_share,
        )
        return
    yield Reason(
        "negative_share",
        None if inputs.negative_share is None else f"{inputs.negative_share:.0%}",
        inputs.negative_share,
    )
