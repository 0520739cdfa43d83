"""A small city with wards, partners, and people in every role around incident reports."""

import datetime

import pytest
from django.utils import timezone

from engage.monitoring.incidents import services
from engage.monitoring.incidents.models import Characteristic, PoliceAnswer
from tests import factories
from tests.factories.communities import AreaFactory
from tests.factories.policy import PartnerMembershipFactory, PartnerOrganisationFactory

SECRET_TEXT = "A man shouted abuse at my neighbour outside the corner shop."


@pytest.fixture
def city(db):
    return AreaFactory(code="CITY", name="Test City")


@pytest.fixture
def wards(city):
    return [
        AreaFactory(code="W1", name="Ashdown", parent=city),
        AreaFactory(code="W2", name="Brook Vale", parent=city),
    ]


@pytest.fixture
def victim_support(db):
    return PartnerOrganisationFactory(name="Victim Support Northbridge")


@pytest.fixture
def other_partner(db):
    return PartnerOrganisationFactory(name="Northbridge Housing")


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff())


@pytest.fixture
def partner(victim_support):
    user = factories.with_totp(factories.UserFactory())
    PartnerMembershipFactory(organisation=victim_support, user=user)
    return user


@pytest.fixture
def other_partner_member(other_partner):
    user = factories.with_totp(factories.UserFactory())
    PartnerMembershipFactory(organisation=other_partner, user=user)
    return user


def make_report(area=None, reporter=None, consent=True, days_ago=3, **overrides):
    values = {
        "description": SECRET_TEXT,
        "characteristic": Characteristic.RACE,
        "occurred_on": timezone.localdate() - datetime.timedelta(days=days_ago),
        "reported_to_police": PoliceAnswer.NO,
        "area": area,
        "wants_contact": True,
        "contact": "07700 900123",
        "consent_to_share": consent,
        "reporter": reporter,
        **overrides,
    }
    return services.submit_report(**values)


@pytest.fixture
def report(wards):
    return make_report(area=wards[0])[0]
