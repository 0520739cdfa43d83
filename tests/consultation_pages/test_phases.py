"""The phase timeline of a consultation (consultations/phases.py): which phase is
current at a moment, which are done, and which dates are shown."""

import datetime

import pytest

from consultations.models import ConsultationPage, ConsultationStatus
from consultations.phases import ANNOUNCED, CLOSED, CURRENT, DONE, OPEN, OUTCOME, TO_COME

pytestmark = pytest.mark.django_db  # a page gets its default locale from the database

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def consultation(opens=-7, closes=21, published=-14, outcome=None):
    """An unsaved consultation; the arguments are days from NOW (None: not set)."""
    return ConsultationPage(
        title="Safer streets",
        opens_at=NOW + opens * DAY,
        closes_at=NOW + closes * DAY,
        first_published_at=None if published is None else NOW + published * DAY,
        outcome_published_at=None if outcome is None else NOW + outcome * DAY,
    )


def states(phases):
    return {phase.key: phase.state for phase in phases}


def test_phases_come_in_order_announced_open_closed_outcome():
    phases = consultation().phases(NOW)
    assert [phase.key for phase in phases] == [ANNOUNCED, OPEN, CLOSED, OUTCOME]
    assert [str(phase.label) for phase in phases] == [
        "Announced",
        "Open for views",
        "Closed",
        "Outcome published",
    ]


def test_upcoming_consultation_is_announced_and_nothing_is_done():
    page = consultation(opens=3, closes=30, published=-2)
    assert states(page.phases(NOW)) == {
        ANNOUNCED: CURRENT,
        OPEN: TO_COME,
        CLOSED: TO_COME,
        OUTCOME: TO_COME,
    }


def test_open_consultation_marks_the_announcement_done():
    assert states(consultation().phases(NOW)) == {
        ANNOUNCED: DONE,
        OPEN: CURRENT,
        CLOSED: TO_COME,
        OUTCOME: TO_COME,
    }


def test_closed_consultation_without_outcome_waits_for_it():
    phases = consultation(opens=-60, closes=-5).phases(NOW)
    assert states(phases)[CLOSED] == CURRENT
    assert states(phases)[OUTCOME] == TO_COME
    assert phases[3].date is None


def test_published_outcome_is_the_last_phase_with_its_date():
    page = consultation(opens=-60, closes=-5, outcome=-1)
    phases = page.phases(NOW)
    assert states(phases) == {ANNOUNCED: DONE, OPEN: DONE, CLOSED: DONE, OUTCOME: CURRENT}
    assert phases[3].date == page.outcome_published_at


def test_outcome_scheduled_for_later_is_neither_current_nor_dated():
    phases = consultation(opens=-60, closes=-5, outcome=2).phases(NOW)
    assert states(phases)[CLOSED] == CURRENT
    assert phases[3].date is None


def test_open_and_close_dates_are_the_consultations_own():
    page = consultation()
    phases = page.phases(NOW)
    assert phases[1].date == page.opens_at
    assert phases[2].date == page.closes_at


def test_announcement_is_dated_by_first_publication_only_before_opening():
    assert consultation(published=-14).phases(NOW)[0].date == NOW - 14 * DAY
    # Published after it opened (or never): the opening is its announcement.
    assert consultation(opens=-7, published=-3).phases(NOW)[0].date is None
    assert consultation(published=None).phases(NOW)[0].date is None


@pytest.mark.parametrize(
    ("days", "status", "current"),
    [
        (-10, ConsultationStatus.UPCOMING, ANNOUNCED),
        (0, ConsultationStatus.OPEN, OPEN),  # the moment it opens
        (27, ConsultationStatus.OPEN, OPEN),
        (28, ConsultationStatus.CLOSED, CLOSED),  # the moment it closes
        (40, ConsultationStatus.OUTCOME, OUTCOME),
    ],
)
def test_exactly_one_phase_is_current_and_it_matches_the_status(days, status, current):
    page = consultation(opens=0, closes=28, published=-20, outcome=35)
    moment = NOW + days * DAY
    phases = page.phases(moment)
    assert page.status_at(moment) == status
    assert [phase.key for phase in phases if phase.is_current] == [current]
    index = [phase.key for phase in phases].index(current)
    assert all(phase.is_done for phase in phases[:index])
    assert not any(phase.is_done or phase.is_current for phase in phases[index + 1 :])
