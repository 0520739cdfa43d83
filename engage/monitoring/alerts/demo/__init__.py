"""Demo data of early warning for `seed_demo` (idempotent, fictional): the default
rules (`alerts.yaml`), the demo staff account subscribed to alert emails, and the
alerts the demo data gives, found by replaying the daily evaluation over the last
weeks (it runs after the incidents, pulse and tension loaders). When the demo data give
no alert at all, one open alert is raised from the highest tension level assessed, so
the workflow always has something to show."""

import datetime
import logging
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from engage.demo.data import read
from engage.monitoring import series as registry

from .. import evaluation, services
from ..models import Alert, AlertRule, AlertSubscription, Kind
from ..rules import TENSION, Finding

logger = logging.getLogger("engage.monitoring.alerts")

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "alerts.yaml"


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
    data = read(data_dir, DATA_FILE)
    for node in data.get("rules", []).list():
        seed_rule(node, context)
    users = get_user_model().objects.filter(email__in=data.get("subscribers", []).strings())
    for user in users:
        _subscription, created = AlertSubscription.objects.get_or_create(user=user)
        context.note(created, "alert subscription", user.email)
    replay(data.get("replay_weeks", 12).int(), context)


def seed_rule(node, context):
    """One default rule, unless a rule with its English name exists."""
    names = node["name"].translated("name")
    if AlertRule.objects.filter(name=names["name"]).exists():
        return
    AlertRule.objects.create(
        **names,
        **node["explanation"].translated("explanation"),
        kind=node["kind"].choice(Kind),
        series=node["series"].str() if node.has("series") else "",
        parameters={key: value.number() for key, value in node.get("parameters", {}).items()},
        min_count=node["min_count"].int() if node.has("min_count") else None,
        cooldown_days=node.get("cooldown_days", 14).int(),
    )
    context.note(True, "early-warning rule", names["name"])


def replay(weeks, context):
    """The daily evaluation on each Monday of the last `weeks` weeks and today."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    days = [monday - datetime.timedelta(weeks=n) for n in range(weeks, 0, -1)] + [today]
    for day in days:
        for alert in evaluation.evaluate(day):
            context.note(True, "alert", str(alert))
    if not Alert.objects.open().exists():
        fallback_alert(today, context)


def fallback_alert(today, context):
    """An open alert from the highest tension level of the demo data (latest first)."""
    rule = AlertRule.objects.filter(kind=TENSION).first()
    try:
        by_area = registry.weekly("tension.level", today - datetime.timedelta(weeks=26), today)
    except KeyError:
        return
    points = [point for points in by_area.values() for point in points.values()]
    points = [point for point in points if point.value is not None]
    if rule is None or not points:
        logger.info("Demo: no tension assessments, so no demo alert")
        return
    point = max(points, key=lambda p: (p.value, p.week, p.area))
    level = rule.effective_parameters().get("level", 3)
    finding = Finding(point.week, {"value": point.value, "count": point.count, "threshold": level})
    alert = services.raise_alert(rule, "tension.level", f"area:{point.area}", finding)
    if alert is not None:
        context.note(True, "alert", str(alert))
