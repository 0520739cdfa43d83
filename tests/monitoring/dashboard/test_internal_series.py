"""A series registered `internal=True` (raw counts for the early-warning rules) is never
offered or shown by the dashboard, even when asked for by key; the rules still read it."""

import datetime

import pytest

from engage.monitoring import series as registry
from engage.monitoring.alerts.dashboard.forms import DashboardFilters

pytestmark = pytest.mark.django_db

KEY = "tests.internal_raw"
MONDAY = datetime.date(2026, 3, 2)


@pytest.fixture
def internal_series():
    def provider(since, until, areas=None):
        return [registry.Point("W1", MONDAY, 3.0, 3)]

    registry.register(KEY, "Raw test counts", registry.COUNT, provider, internal=True)
    yield KEY
    registry._REGISTRY.pop(KEY, None)


def test_dashboard_neither_offers_nor_shows_an_internal_series(internal_series):
    form = DashboardFilters({"series": [KEY]})
    offered = [key for key, _label in form.fields["series"].choices]
    assert KEY not in offered
    assert "incidents.reports" in offered and "incidents.reports_raw" not in offered
    form.is_valid()
    assert KEY not in [s.key for s in form.chosen_series()]


def test_rules_still_read_an_internal_series(internal_series):
    assert registry.weekly(KEY, MONDAY, MONDAY)["W1"][MONDAY].value == 3.0
    assert KEY in [s.key for s in registry.registered(include_internal=True)]
