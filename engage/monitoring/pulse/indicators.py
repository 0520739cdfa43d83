"""The standard cohesion indicators and their answer scales, fixed in code.

The wording follows the questions UK cohesion surveys ask (the Community Life Survey):
what is asked, and the answers offered, never change between waves, so that waves can
be compared. Staff choose which indicators a wave asks; they cannot reword them. Extra
questions a wave adds use one of the same scales.

Each scale names its *positive* answers (definitely or tend to agree; very or fairly
safe). An indicator's result is the share of positive answers among the substantive
ones: "don't know" is left out of the base, as the Community Life Survey does.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Scale:
    """A fixed answer scale: (value, label) choices in order, and the positive values."""

    code: str
    name: str
    choices: tuple
    positive: frozenset

    @property
    def values(self):
        return [value for value, _label in self.choices]

    @property
    def substantive(self):
        """The answers that count in the base of a share (all but "don't know")."""
        return [value for value in self.values if value != DONT_KNOW]

    def label(self, value):
        return dict(self.choices).get(value, value)


AGREEMENT = Scale(
    "agreement",
    _("Agree or disagree"),
    (
        ("definitely_agree", _("Definitely agree")),
        ("tend_to_agree", _("Tend to agree")),
        ("tend_to_disagree", _("Tend to disagree")),
        ("definitely_disagree", _("Definitely disagree")),
        (DONT_KNOW, pgettext_lazy("survey answer", "Don't know")),
    ),
    frozenset({"definitely_agree", "tend_to_agree"}),
)

SAFETY = Scale(
    "safety",
    _("Safe or unsafe"),
    (
        ("very_safe", _("Very safe")),
        ("fairly_safe", _("Fairly safe")),
        ("fairly_unsafe", _("Fairly unsafe")),
        ("very_unsafe", _("Very unsafe")),
        (DONT_KNOW, pgettext_lazy("survey answer", "Don't know")),
    ),
    frozenset({"very_safe", "fairly_safe"}),
)

SCALES = {scale.code: scale for scale in (AGREEMENT, SAFETY)}


@dataclass(frozen=True)
class Indicator:
    """A standard cohesion indicator: a code (used in CSV columns and series keys), a
    short name for results, the question residents are asked, and its scale."""

    code: str
    name: str
    question: str
    scale: Scale


INDICATORS = {
    indicator.code: indicator
    for indicator in (
        Indicator(
            "get_on_well",
            _("Getting on well together"),
            _(
                "To what extent do you agree or disagree that this local area is a place "
                "where people from different backgrounds get on well together?"
            ),
            AGREEMENT,
        ),
        Indicator(
            "belonging",
            _("Belonging to the neighbourhood"),
            _("To what extent do you agree or disagree that you belong to your neighbourhood?"),
            AGREEMENT,
        ),
        Indicator(
            "trust",
            _("Trust"),
            _(
                "To what extent do you agree or disagree that many of the people in your "
                "neighbourhood can be trusted?"
            ),
            AGREEMENT,
        ),
        Indicator(
            "feel_safe",
            _("Feeling safe"),
            _("How safe do you feel walking alone in your local area after dark?"),
            SAFETY,
        ),
        Indicator(
            "influence",
            _("Influencing local decisions"),
            _(
                "To what extent do you agree or disagree that you can influence decisions "
                "affecting your local area?"
            ),
            AGREEMENT,
        ),
        Indicator(
            "fair_treatment",
            _("Treated fairly by services"),
            _(
                "To what extent do you agree or disagree that local public services treat "
                "people like you fairly?"
            ),
            AGREEMENT,
        ),
    )
}

INDICATOR_CHOICES = [(code, indicator.name) for code, indicator in INDICATORS.items()]
SCALE_CHOICES = [(code, scale.name) for code, scale in SCALES.items()]


def indicator(code):
    """The `Indicator` with this code; KeyError for an unknown one."""
    return INDICATORS[code]
