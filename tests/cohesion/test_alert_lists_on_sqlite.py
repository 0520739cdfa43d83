"""Alerts found by the consultations and policy areas they name, on PostgreSQL and on
the SQLite of `make demo` (engage/monitoring/alerts/lookups.py).

`make demo` failed in the cohesion demo loader: its alert query used the JSONField
`contains` lookup, which SQLite does not have. `ListIncludes` gives each database its
own SQL; the same queries must find the same alerts on both.
"""

import datetime
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from consultations.cohesion import services
from engage.monitoring.alerts.lookups import ListIncludes
from engage.monitoring.alerts.models import Alert, AlertRule
from engage.monitoring.alerts.rules import COUNT_ABOVE_RANGE

from .conftest import make_alert, monday

ROOT = Path(__file__).resolve().parents[2]

# What each alert names: (consultations, policy areas).
NAMED = {
    "both": ([12, 3], ["parks"]),
    "other_number": ([112], ["parks"]),
    "number_as_text": (["12"], ["parks"]),
    "nothing": ([], ["parks", "roads"]),
    "similar_area": ([12], ["park"]),
    "not_a_list": ({"id": 12}, {"parks": 1}),
}

# Conditions and the alerts they find, the same on every database.
FOUND = [
    (ListIncludes("consultations", [12]), {"both", "similar_area"}),
    (ListIncludes("consultations", ["12"]), {"number_as_text"}),
    (ListIncludes("consultations", [1]), set()),
    (ListIncludes("policy_areas", ["roads", "parks"]), {"nothing"}),
    (
        ListIncludes("policy_areas", ["parks"]),
        {"both", "other_number", "number_as_text", "nothing"},
    ),
    (
        Q(ListIncludes("consultations", [12])) & ~Q(ListIncludes("policy_areas", ["park"])),
        {"both"},
    ),
    (Q(scope="nothing") | Q(ListIncludes("consultations", [3])), {"both", "nothing"}),
]


@pytest.fixture
def sqlite_alerts(tmp_path, django_db_blocker):
    """An extra database alias, a SQLite file with the alert tables only (no other
    table: its foreign keys are not checked)."""
    alias = "sqlite_alerts"
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "alerts.sqlite3")}
    configured = connections.configure_settings({"default": dict(database), alias: database})
    connections.settings[alias] = configured[alias]
    with django_db_blocker.unblock():
        connection = connections[alias]
        with connection.schema_editor() as editor:
            editor.create_model(AlertRule)
            editor.create_model(Alert)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
        yield alias
        connection.close()
    del connections[alias]
    del connections.settings[alias]


@pytest.fixture(params=["postgresql", "sqlite"])
def alerts_database(request):
    """The alias of a database holding the `NAMED` alerts, once PostgreSQL (the test
    database) and once SQLite."""
    if request.param == "postgresql":
        request.getfixturevalue("db")
        alias = "default"
        assert connections[alias].vendor == "postgresql"
    else:
        alias = request.getfixturevalue("sqlite_alerts")
    rule = AlertRule.objects.using(alias).create(
        name="Incidents above their range", kind=COUNT_ABOVE_RANGE, explanation="{value}"
    )
    for name, (consultations, policy_areas) in NAMED.items():
        Alert.objects.using(alias).create(
            rule=rule,
            scope=name,
            period=datetime.date(2026, 11, 23),
            consultations=consultations,
            policy_areas=policy_areas,
        )
    return alias


@pytest.mark.parametrize(("condition", "expected"), FOUND)
def test_list_includes_finds_the_same_alerts_on_postgresql_and_sqlite(
    alerts_database, condition, expected
):
    found = Alert.objects.using(alerts_database).filter(condition)
    assert set(found.values_list("scope", flat=True)) == expected


def test_list_includes_takes_strings_and_integers_only():
    with pytest.raises(TypeError):
        ListIncludes("consultations", [True])
    with pytest.raises(TypeError):
        ListIncludes("consultations", [{"id": 12}])


@pytest.mark.django_db
def test_an_alert_elsewhere_that_names_the_consultation_is_considered(placed_consultation):
    week = monday(timezone.now())
    named = make_alert("area:NB0099", week, area="NB0099")
    named.consultations = [placed_consultation.pk]
    named.save()
    as_text = make_alert("area:NB0098", week, area="NB0098")
    as_text.consultations = [str(placed_consultation.pk)]
    as_text.save()
    section = services.section_for_consultation(placed_consultation)
    assert set(services.alerts_to_consider(section)) == {named}


# A subprocess, because the test database is PostgreSQL: this is `make demo`'s own
# path (dev settings, SQLite, real migrations, then seed_demo). Slow: the migrations
# take most of its time, 1-3 minutes on a quiet machine and up to 9 when it is busy.
# Too slow for every `make test`: it runs with the screenshot tour (`make tour`, marker
# `tour`), the other check of what a newcomer sees.
SEED_TIMEOUT = 900


@pytest.mark.tour
def test_the_demo_city_seeds_on_sqlite(tmp_path):
    database = tmp_path / "demo.sqlite3"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "engage.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=SEED_TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-4000:]
    with sqlite3.connect(database) as seeded:
        sections = seeded.execute(
            "SELECT count(*) FROM consultations_cohesion_cohesionsection"
        ).fetchone()[0]
    # The cohesion loader (which weighs each section's alerts) wrote its sections.
    assert sections == 4
    assert "cohesion section ×4" in result.stdout
