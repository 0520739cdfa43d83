"""Fixtures for co-design sessions: sessions in each state and people in each role."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def make_session(db):
    """Build a CoDesignSession; `starts_in` is a timedelta from now (negative: past)."""
    from consultations.codesign.models import CoDesignSession

    def build(starts_in=datetime.timedelta(days=7), **kwargs):
        starts_at = timezone.now() + starts_in
        fields = {
            "title": "Park workshop",
            "purpose": "Shape the new play area.",
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2),
            "place": "Community Centre",
            "languages": "en, ar",
            "interpretation": "ar, so",
            "capacity": 3,
            **kwargs,
        }
        return CoDesignSession.objects.create(**fields)

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
