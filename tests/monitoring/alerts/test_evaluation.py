"""The evaluation over the database: text signals as weekly series (one query each), the
command's JSON lines, de-duplication and cooldown, sparse areas, the links an alert
carries, polarisation of a consultation, and series registered by other sources."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from engage.monitoring import series
from engage.monitoring.alerts import evaluation
from engage.monitoring.alerts.models import Alert, AlertRule
from engage.monitoring.alerts.rules import COUNT_ABOVE_RANGE, POLARISATION, TENSION
from engage.policy.models import PolicyArea

from .conftest import AS_OF, FIRST_MONDAY, SPIKE_MONDAY, SPIKE_WEEK

pytestmark = pytest.mark.django_db


def run(as_of=AS_OF):
    out = io.StringIO()
    call_command("evaluate_early_warning", as_of=as_of.isoformat(), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_text_series_are_one_grouped_query_each(texts, django_assert_num_queries):
    texts.add(0, 10, negative=3, flagged=1, area="N01")
    texts.add(1, 4, negative=4, area="N01")
    texts.add(1, 5, area="N02")
    texts.add(1, 5, area=None)  # no area: in no area's series
    until = FIRST_MONDAY + datetime.timedelta(days=13)
    with django_assert_num_queries(1):
        shares = series.weekly("signals.negative_share", FIRST_MONDAY, until)
    week1 = FIRST_MONDAY + datetime.timedelta(weeks=1)
    assert shares["N01"][FIRST_MONDAY].value == pytest.approx(0.3)
    assert shares["N01"][week1].value == 1.0
    assert shares["N02"][week1].value == 0.0
    assert set(shares) == {"N01", "N02"}
    flags = series.weekly("signals.abuse_flags", FIRST_MONDAY, until, areas=["N01"])
    assert flags["N01"][FIRST_MONDAY].value == 1.0
    assert flags["N01"][FIRST_MONDAY].count == 10
    volume = series.weekly("signals.volume", FIRST_MONDAY, until)
    assert volume["N02"][week1].value == 5.0


def test_command_prints_each_new_alert_once_as_a_json_line(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01")
    texts.baseline_and_spike("N02", spike_negative=9)  # no departure in N02
    lines = run()
    assert lines == [
        {
            "rule": "Negativity rising",
            "scope": "area:N01",
            "period": "2026-W11",
            "explanation": "Negative texts in Riverside: 60% in 2026-W11, usually 20.6%.",
        }
    ]
    assert list(lines[0]) == ["rule", "scope", "period", "explanation"]
    # The same day again, and the next day: already raised, nothing new.
    assert run() == []
    assert run(AS_OF + datetime.timedelta(days=1)) == []
    assert Alert.objects.count() == 1


def test_the_alert_fires_in_the_week_of_the_departure_not_before(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01")
    # Texts of the spike week are written on its Tuesday.
    assert run(SPIKE_MONDAY - datetime.timedelta(days=1)) == []
    assert run(SPIKE_MONDAY) == []
    tuesday = SPIKE_MONDAY + datetime.timedelta(days=1)
    assert [line["period"] for line in run(tuesday)] == ["2026-W11"]


def test_the_cooldown_holds_the_next_week(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01")
    texts.add(SPIKE_WEEK + 1, 40, negative=30, area="N01")
    texts.add(SPIKE_WEEK + 3, 40, negative=36, area="N01")
    assert len(run()) == 1
    assert run(AS_OF + datetime.timedelta(weeks=1)) == []  # within 14 days
    assert [line["period"] for line in run(AS_OF + datetime.timedelta(weeks=3))] == ["2026-W14"]


def test_a_sparse_area_never_fires(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01", per_week=8, spike_negative=8)
    assert run() == []


def test_a_disabled_rule_raises_nothing(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01")
    AlertRule.objects.filter(pk=negativity_rule.pk).update(enabled=False)
    assert run() == []


def test_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("evaluate_early_warning", as_of="next tuesday")


def test_an_alert_links_the_consultations_and_policy_areas_of_its_texts(
    texts, negativity_rule, areas
):
    PolicyArea.objects.create(name="Housing", slug="housing")
    texts.baseline_and_spike("N01")
    texts.add(SPIKE_WEEK, 5, area="N01", consultation=41, policy_area="housing")
    texts.add(SPIKE_WEEK, 3, area="N01", consultation=42)
    texts.add(SPIKE_WEEK, 9, area="N02", consultation=43)
    (alert,) = evaluation.evaluate(AS_OF)
    assert alert.consultations == [41, 42]
    assert alert.policy_areas == ["housing"]
    assert alert.evidence["compared"] == ["2026-01-12", "2026-03-02"]


def test_polarisation_of_a_consultation(texts, areas):
    AlertRule.objects.create(
        name="Polarised", kind=POLARISATION, explanation="{scope} polarised: {value}."
    )
    texts.add(SPIKE_WEEK, 20, consultation=7, sentiment=0.9)
    texts.add(SPIKE_WEEK, 20, consultation=7, sentiment=-0.9)
    texts.add(SPIKE_WEEK, 40, consultation=8, sentiment=0.2)  # everyone alike
    texts.add(SPIKE_WEEK, 10, consultation=9, sentiment=0.9)
    texts.add(SPIKE_WEEK, 10, consultation=9, sentiment=-0.9)  # polarised but sparse
    lines = run()
    assert [line["scope"] for line in lines] == ["consultation:7"]
    assert lines[0]["explanation"] == "consultation:7 polarised: 0.88."


@pytest.fixture
def registered_series():
    """Series of other sources, as their apps would register them."""
    data = {}

    def provider_for(key):
        def provider(since, until, areas=None):
            return [p for p in data.get(key, []) if since <= p.week <= until]

        return provider

    for key, unit in (("test.reports", series.COUNT), ("test.tension", series.LEVEL)):
        series.register(key, key, unit, provider_for(key))
    yield data
    for key in ("test.reports", "test.tension"):
        series._REGISTRY.pop(key, None)


def test_counts_and_tension_from_registered_series(registered_series, areas):
    AlertRule.objects.create(
        name="Reports", kind=COUNT_ABOVE_RANGE, series="test.reports", explanation="{value}"
    )
    AlertRule.objects.create(
        name="Tension", kind=TENSION, series="test.tension", explanation="{area} {value}"
    )
    weeks = [FIRST_MONDAY + datetime.timedelta(weeks=i) for i in range(SPIKE_WEEK + 1)]
    registered_series["test.reports"] = [
        series.Point("N01", week, value, int(value))
        for week, value in zip(weeks, [2, 3, 1, 2, 3, 2, 1, 2, 3, 14], strict=True)
    ]
    registered_series["test.tension"] = [
        series.Point("N02", weeks[5], 1, 1),
        series.Point("N02", weeks[SPIKE_WEEK], 4, 2),
    ]
    lines = run()
    assert {(line["rule"], line["scope"]) for line in lines} == {
        ("Reports", "area:N01"),
        ("Tension", "area:N02"),
    }
    assert {line["explanation"] for line in lines} == {"14", "Hillcrest 4"}


def test_a_rule_on_a_series_nobody_registered_is_skipped(areas):
    AlertRule.objects.create(
        name="Ghost", kind=COUNT_ABOVE_RANGE, series="nobody.here", explanation="x"
    )
    assert run() == []


@pytest.fixture
def broken_series():
    def provider(since, until, areas=None):
        raise RuntimeError("the provider's database is down")

    series.register("test.broken", "test.broken", series.COUNT, provider)
    yield
    series._REGISTRY.pop("test.broken", None)


def test_a_failing_rule_is_logged_and_the_others_still_run(texts, areas, broken_series, caplog):
    # The broken rule comes first: it must not stop the rule after it.
    AlertRule.objects.create(
        name="Broken source", kind=COUNT_ABOVE_RANGE, series="test.broken", explanation="x"
    )
    AlertRule.objects.create(
        name="Negativity rising",
        kind="negativity",
        explanation="Negative texts in {area}: {value} in {period}, usually {baseline}.",
    )
    texts.baseline_and_spike("N01")
    out = io.StringIO()
    with caplog.at_level("ERROR", logger="engage.monitoring.alerts"):
        with pytest.raises(CommandError, match="“Broken source”"):
            call_command("evaluate_early_warning", as_of=AS_OF.isoformat(), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(line["rule"], line["scope"]) for line in lines] == [("Negativity rising", "area:N01")]
    assert Alert.objects.filter(rule__name="Negativity rising").count() == 1
    assert any("Broken source" in record.getMessage() for record in caplog.records)
    # The evaluation itself reports which rules failed.
    result = evaluation.evaluate(AS_OF)
    assert [rule.name for rule in result.failed] == ["Broken source"]
    assert list(result) == []  # already raised: not raised again


def test_the_tension_rule_reads_the_partners_rising_trend(areas):
    from engage.communities.models import Area
    from engage.monitoring.tension.models import Confidence, Trend
    from engage.monitoring.tension.services import submit_assessment
    from engage.policy.models import PartnerGrant
    from tests.factories.policy import partner_member

    AlertRule.objects.create(
        name="Tension", kind=TENSION, cooldown_days=28, explanation="{area} {value}"
    )
    partner = partner_member([("area:N02", PartnerGrant.Access.VIEW_REPORTS)])
    hillcrest = Area.objects.get(code="N02")

    def assess(monday, trend):
        submit_assessment(
            partner,
            area=hillcrest,
            period_start=monday,
            period_end=monday + datetime.timedelta(days=13),
            level=2,  # below 3, and not rising: only the trend can fire
            trend=trend,
            confidence=Confidence.MEDIUM,
            context="Rumours after the match.",
            sources="Officers",
        )

    assess(SPIKE_MONDAY - datetime.timedelta(weeks=2), Trend.STABLE)
    assess(SPIKE_MONDAY, Trend.RISING)
    assert run() == []  # one rising assessment is not yet a trend
    AlertRule.objects.all().delete()
    AlertRule.objects.create(
        name="Tension", kind=TENSION, cooldown_days=28, explanation="{area} {value}"
    )
    assess(SPIKE_MONDAY - datetime.timedelta(weeks=4), Trend.RISING)  # older: ignored
    assert run() == []
    assess(SPIKE_MONDAY - datetime.timedelta(weeks=1), Trend.RISING)
    assert [(line["scope"], line["explanation"]) for line in run()] == [("area:N02", "Hillcrest 2")]
    alert = Alert.objects.get()
    assert alert.evidence["figures"]["reason"] == "trend"
