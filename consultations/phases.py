"""The phases of a consultation, for its timeline: announced → open → closed →
outcome published, each with its date and whether it is done, current or to come.

Derived from the same dates as `ConsultationPage.status_at` (the status names the
current phase), so the timeline, the status badge and the take-part box always agree.
No model import: `ConsultationPage.phases()` calls `consultation_phases`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ANNOUNCED, OPEN, CLOSED, OUTCOME = "announced", "open", "closed", "outcome"
#: The phases in order, with their labels.
PHASES = [
    (ANNOUNCED, _("Announced")),
    (OPEN, _("Open for views")),
    (CLOSED, _("Closed")),
    (OUTCOME, _("Outcome published")),
]
#: The current phase of each `ConsultationStatus` value.
PHASE_OF_STATUS = {"upcoming": ANNOUNCED, "open": OPEN, "closed": CLOSED, "outcome": OUTCOME}
DONE, CURRENT, TO_COME = "done", "current", "to-come"


@dataclass(frozen=True)
class Phase:
    """One step of the timeline. `date` is None when there is none to show yet (an
    outcome not published, an announcement made after the opening)."""

    key: str
    label: str
    date: datetime | None
    state: str

    @property
    def is_current(self):
        return self.state == CURRENT

    @property
    def is_done(self):
        return self.state == DONE


def phase_dates(consultation, moment):
    """{phase: date} of what has a date to show at `moment`."""
    announced = consultation.first_published_at
    if announced is not None and announced > consultation.opens_at:
        announced = None  # published after it opened: the opening is the announcement
    outcome = consultation.outcome_published_at
    if outcome is not None and outcome > moment:
        outcome = None  # scheduled, not published yet
    return {
        ANNOUNCED: announced,
        OPEN: consultation.opens_at,
        CLOSED: consultation.closes_at,
        OUTCOME: outcome,
    }


def consultation_phases(consultation, moment=None):
    """The four phases of `consultation` at `moment` (now by default), in order, the
    one its status names marked current, those before it done."""
    moment = moment or timezone.now()
    current = PHASE_OF_STATUS[str(consultation.status_at(moment))]
    dates = phase_dates(consultation, moment)
    keys = [key for key, _label in PHASES]
    current_index = keys.index(current)
    return [
        Phase(
            key=key,
            label=label,
            date=dates[key],
            state=DONE if index < current_index else CURRENT if index == current_index else TO_COME,
        )
        for index, (key, label) in enumerate(PHASES)
    ]
