"""Fixtures of the agreements tests: a partner organisation with a member, a city
staff member with TOTP (exempt by settings), and an agreement in force between them."""

import pytest

from engage.policy.models import PartnerGrant
from tests import factories
from tests.factories.policy import agreement_in_force


@pytest.fixture
def staff(settings):
    user = factories.city_staff()
    settings.ENGAGE_MFA_EXEMPT_EMAILS = [*settings.ENGAGE_MFA_EXEMPT_EMAILS, user.email]
    return user


@pytest.fixture
def organisation(db):
    return factories.PartnerOrganisationFactory(name="Northbridge Police")


@pytest.fixture
def member(organisation, settings):
    user = factories.PartnerMembershipFactory(organisation=organisation).user
    settings.ENGAGE_MFA_EXEMPT_EMAILS = [*settings.ENGAGE_MFA_EXEMPT_EMAILS, user.email]
    return user


@pytest.fixture
def agreement(organisation, staff):
    made = agreement_in_force(organisation, city_signatory=staff, title="Community safety")
    PartnerGrant.objects.create(
        organisation=organisation,
        agreement=made,
        scope="city",
        access=PartnerGrant.Access.VIEW_REPORTS,
    )
    return made
