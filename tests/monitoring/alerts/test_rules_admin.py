"""Rules in the admin: staff edit them; explanations with unknown placeholders or bad
parameters are refused; the daily task evaluates like the command."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engage.monitoring.alerts.models import AlertRule
from engage.monitoring.alerts.rules import COUNT_ABOVE_RANGE, NEGATIVITY
from engage.monitoring.alerts.tasks import evaluate_early_warning_task
from tests import factories

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def test_unknown_placeholders_and_bad_parameters_are_refused():
    rule = AlertRule(name="x", kind=NEGATIVITY, explanation="In {ward}: {value}")
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "ward" in str(error.value)
    rule.explanation = "In {area: {value}"
    with pytest.raises(ValidationError, match="brace"):
        rule.full_clean()
    rule.explanation = "In {area}: {value}"
    rule.parameters = {"z": "high"}
    with pytest.raises(ValidationError, match="number"):
        rule.full_clean()
    rule.parameters = {"z": 3}
    rule.full_clean()
    assert rule.effective_parameters()["z"] == 3


def test_a_count_rule_must_name_its_series():
    rule = AlertRule(name="x", kind=COUNT_ABOVE_RANGE, explanation="{value}")
    with pytest.raises(ValidationError, match="incidents.reports"):
        rule.full_clean()


def test_minimum_counts_come_from_the_rule_then_settings_then_defaults(settings):
    rule = AlertRule(name="x", kind=NEGATIVITY, explanation="")
    assert rule.effective_parameters()["min_count"] == 20
    settings.EARLY_WARNING_MIN_COUNTS = {NEGATIVITY: 50}
    assert rule.effective_parameters()["min_count"] == 50
    rule.min_count = 7
    assert rule.effective_parameters()["min_count"] == 7


def test_staff_manage_rules_in_the_admin_and_moderators_cannot(client, negativity_rule):
    client.force_login(factories.with_totp(factories.city_staff()))
    index = reverse("monitoring_alert_rules:index")
    assert client.get(index).status_code == 200
    edit = reverse("monitoring_alert_rules:edit", args=[negativity_rule.pk])
    assert client.get(edit).status_code == 200
    assert client.get(reverse("monitoring_alert_rules:add")).status_code == 200
    client.force_login(factories.with_totp(factories.moderator()))
    assert client.get(index).status_code in (302, 403)


def test_the_daily_task_evaluates_like_the_command(texts, negativity_rule, areas):
    texts.baseline_and_spike("N01")
    result = evaluate_early_warning_task.enqueue(AS_OF.isoformat())
    assert result.return_value == [
        {
            "rule": "Negativity rising",
            "scope": "area:N01",
            "period": "2026-W11",
            "explanation": "Negative texts in Riverside: 60% in 2026-W11, usually 20.6%.",
        }
    ]
