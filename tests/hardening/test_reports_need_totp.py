"""Summaries and representation reports are read under one rule wherever they are
shown: city staff and partners need two-factor authentication (TOTP) on the site and
the API as in the admin; the demo exemption list is respected (issue 11, item 9)."""

import pytest
from django.core.cache import cache

from engage.communities.scopes import Scope
from engage.policy.models import PartnerGrant
from tests import factories
from tests.representation.conftest import City

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_like(settings):
    """As in production: nobody exempt from TOTP, reports not served from a cache."""
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hardening-reports",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reported(consultation):
    city = City()
    city.dimension("ethnicity", {"a": 0.5, "b": 0.5})
    type(consultation).objects.filter(pk=consultation.pk).update(area=city.area)
    city.people(Scope("consultation", str(consultation.pk)), "ethnicity", {"a": 30, "b": 20})
    return consultation


def reads(client, user, consultation):
    """(site summary, API report) status codes for `user`."""
    client.force_login(user)
    site = client.get(f"/en/reports/consultations/{consultation.pk}/")
    api = client.get("/api/v1/representation/", {"scope": f"consultation:{consultation.pk}"})
    return site.status_code, api.status_code


def test_staff_without_totp_read_neither_copy(client, reported):
    assert reads(client, factories.city_staff(), reported) == (403, 403)


def test_partners_without_totp_read_neither_copy(client, reported):
    partner = factories.partner_member(
        grants=[(f"consultation:{reported.pk}", PartnerGrant.Access.VIEW_REPORTS)]
    )
    assert reads(client, partner, reported) == (403, 403)


def test_staff_and_partners_with_totp_read_both(client, reported):
    assert reads(client, factories.with_totp(factories.city_staff()), reported) == (200, 200)
    partner = factories.with_totp(
        factories.partner_member(
            grants=[(f"consultation:{reported.pk}", PartnerGrant.Access.VIEW_REPORTS)]
        )
    )
    client.logout()
    assert reads(client, partner, reported) == (200, 200)


def test_the_demo_exemption_list_is_respected(client, reported, settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = ["Staff@Example.org"]
    staff = factories.city_staff(email="staff@example.org")
    assert reads(client, staff, reported) == (200, 200)
