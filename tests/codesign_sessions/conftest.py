"""Fixtures for co-design sessions: sessions in each state and people in each role."""

import datetime

import pytest


@pytest.fixture
def make_session(db):
    """Build a CoDesignSession; `starts_in` is a timedelta from now (negative: past)."""
    from tests.factories import CoDesignSessionFactory

    def build(starts_in=datetime.timedelta(days=7), **kwargs):
        fields = {"interpretation": "ar, so", "capacity": 3, **kwargs}
        return CoDesignSessionFactory(starts_in=starts_in, **fields)

    return build


@pytest.fixture
def staff(db):
    from tests.factories import city_staff

    return city_staff()


@pytest.fixture
def make_resident(db):
    from tests.factories import UserFactory

    return UserFactory


@pytest.fixture
def staff_mfa(db):
    from tests.factories import city_staff, with_totp

    return with_totp(city_staff())
