"""The partner's "What I can see and why" page and an agreement's page in Chromium: no
serious or critical axe violations, in English and in Arabic (right to left), and the
signing form works without JavaScript help."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from engage.policy.models import AgreementSignatory, PartnerGrant
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import PASSWORD, PartnerMembershipFactory, PartnerOrganisationFactory
from tests.factories.policy import agreement_in_force

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_partner(page, asgi_live_server):
    organisation = PartnerOrganisationFactory(name="Northbridge Community Safety Partnership")
    member = PartnerMembershipFactory(organisation=organisation).user
    agreement = agreement_in_force(organisation, title="Community safety information sharing")
    PartnerGrant.objects.create(
        organisation=organisation, agreement=agreement, scope="city", access="view_reports"
    )
    pending = agreement_in_force(organisation, title="Youth services data")
    AgreementSignatory.objects.create(agreement=pending, organisation=organisation, user=member)
    client = Client()
    assert client.login(email=member.email, password=PASSWORD)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": asgi_live_server.url,
            }
        ]
    )
    page.agreements = (agreement, pending)
    return page


def path(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_what_i_can_see_has_no_serious_accessibility_violations(signed_in_partner, language):
    page = signed_in_partner
    response = page.goto(path("agreements:mine", language))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.get_by_text("Community safety information sharing").count() >= 1
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems:\n" + describe(blocking)
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"


def test_a_signatory_signs_on_the_agreement_page(signed_in_partner):
    page = signed_in_partner
    _agreement, pending = page.agreements
    page.goto(path("agreements:detail", "en", pending.pk))
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "axe found serious or critical problems:\n" + describe(blocking)
    page.get_by_role("button", name="Sign", exact=True).click()
    page.wait_for_selector(".error-summary")
    page.get_by_label("I have read this agreement").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    page.wait_for_selector("text=Thank you: your signature is recorded.")
    assert (
        AgreementSignatory.objects.filter(
            agreement=pending, signed_at__isnull=False, organisation__isnull=False
        ).count()
        == 2
    )
