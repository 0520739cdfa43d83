"""Fixtures for the community-data admin tests: staff with two-factor set up, a fresh
cache (reports and allauth rate limits live there), and the report scenario of the
representation tests (a consultation with a small group)."""

import pytest
from django.core.cache import cache

from engage.communities.scopes import Scope
from tests import factories
from tests.representation.conftest import City

SMALL = 7  # below SMALL_CELL_THRESHOLD (10): never published as is


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "communities-admin-tests",
        }
    }
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff())


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def city(db):
    return City()


@pytest.fixture
def report_setup(city, consultation):
    """`consultation` in the city's area; 80 declared participants in "ethnicity":
    a 60, b 7 (a small group), c 13."""
    city.dimension("ethnicity", {"a": 0.5, "b": 0.3, "c": 0.2})
    type(consultation).objects.filter(pk=consultation.pk).update(area=city.area)
    consultation.refresh_from_db()
    scope = Scope("consultation", str(consultation.pk))
    city.people(scope, "ethnicity", {"a": 60, "b": SMALL, "c": 13})
    return consultation
