"""Fixtures for the representation dashboard, API, tokenism and alert tests.

`city` (from tests/representation) builds baselines and bulk participants; `report_setup`
is a consultation in that city whose report has a small group ("b": 7 people) that is
under-represented."""

import datetime
import itertools

import pytest
from django.core.cache import cache

from engage.communities.models import Action
from engage.communities.scopes import Scope
from tests import factories
from tests.representation.conftest import City

SMALL = 7  # below SMALL_CELL_THRESHOLD (10): must never be published as is
_sessions = itertools.count()


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Reports and alert markers live in the cache; allauth keeps rate limits there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "representation-dashboard-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def city(db):
    return City()


@pytest.fixture
def report_setup(city, consultation):
    """`consultation` (open 7 days) in the city's area; 80 declared participants in
    "ethnicity": a 60, b 7 (under-represented: baseline 30%), c 13."""
    city.dimension("ethnicity", {"a": 0.5, "b": 0.3, "c": 0.2})
    type(consultation).objects.filter(pk=consultation.pk).update(area=city.area)
    consultation.refresh_from_db()
    scope = Scope("consultation", str(consultation.pk))
    city.people(scope, "ethnicity", {"a": 60, "b": SMALL, "c": 13})
    return consultation


def make_session(consultation=None, days_ago=10, title="Session"):
    return factories.CoDesignSessionFactory(
        title=f"{title} {next(_sessions)}",
        purpose="Frame the brief.",
        consultation=consultation,
        starts_in=-datetime.timedelta(days=days_ago),
        place="",
        languages="",
    )


def take_part(user, scope, actions=0):
    if isinstance(scope, str):
        scope = Scope.parse(scope)
    return factories.ParticipationFactory(
        user=user, scope_type=scope.kind, scope_id=scope.key, actions=int(actions)
    )


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff())


ATTENDED = Action.ATTENDED
CONTRIBUTED = Action.CONTRIBUTED
