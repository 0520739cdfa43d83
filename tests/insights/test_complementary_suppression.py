"""A withheld period's sentiment cannot be worked out from the published ones: when a
period with scored texts is withheld, so are the total's sentiment figures."""

import datetime

import pytest

from tests.insights.test_aggregates import MONDAY, make_rows, report

pytestmark = pytest.mark.django_db


def test_one_small_day_withholds_the_total_sentiment(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    make_rows([0.2] * 12, step_hours=1)  # twelve on Monday
    make_rows([-0.9], start=MONDAY + datetime.timedelta(days=1), first_id=100)  # one on Tuesday

    result = report(interval="day")
    monday, tuesday = result["periods"]
    assert monday["suppressed"] is False and monday["mean_sentiment"] == pytest.approx(0.2)
    assert tuesday["suppressed"] is True and tuesday["mean_sentiment"] is None
    total = result["total"]
    assert total["suppressed"] is True
    assert total["mean_sentiment"] is None and total["ci95"] is None
    assert total["share_negative"] is None and total["polarisation"] is None
    assert total["volume"] == 13  # counts stay published


def test_total_is_published_when_every_period_is(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    make_rows([0.2] * 12, step_hours=1)
    make_rows([0.4] * 10, start=MONDAY + datetime.timedelta(days=1), step_hours=1, first_id=100)

    total = report(interval="day")["total"]
    assert total["suppressed"] is False
    assert total["mean_sentiment"] == pytest.approx((0.2 * 12 + 0.4 * 10) / 22, abs=1e-4)


def test_a_small_period_without_scores_withholds_nothing(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    make_rows([0.2] * 12, step_hours=1)
    make_rows([None], start=MONDAY + datetime.timedelta(days=1), first_id=100)

    total = report(interval="day")["total"]
    assert total["suppressed"] is False
    assert total["mean_sentiment"] == pytest.approx(0.2, abs=1e-4)
