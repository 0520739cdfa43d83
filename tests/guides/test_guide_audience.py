"""Who may read a guide: everyone; partner organisations (of any sector) and staff;
staff only. The guide page refuses the rest and the index lists only what the reader
may open."""

import pytest
import rules

from engage.accounts.rules import forget_roles
from engage.policy.models import PartnerGrant
from tests.factories import UserFactory, city_staff, partner_member

from .conftest import add_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(guide_index):
    return {
        audience: add_guide(guide_index, slug=f"for-{audience}", audience=audience)
        for audience in ("everyone", "partners", "staff")
    }


@pytest.fixture
def readers(db):
    return {
        "resident": UserFactory(),
        "partner": partner_member(grants=[("area:NB0001", PartnerGrant.Access.VIEW_REPORTS)]),
        "staff": city_staff(),
    }


EXPECTED = {
    "everyone": {"anonymous", "resident", "partner", "staff"},
    "partners": {"partner", "staff"},
    "staff": {"staff"},
}


@pytest.mark.parametrize("audience", sorted(EXPECTED))
@pytest.mark.parametrize("reader", ["anonymous", "resident", "partner", "staff"])
def test_guide_page_follows_its_audience(client, guides, readers, audience, reader):
    if reader != "anonymous":
        client.force_login(readers[reader])
    response = client.get(guides[audience].url)
    if reader in EXPECTED[audience]:
        assert response.status_code == 200
    elif reader == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_partner_of_an_inactive_organisation_reads_only_public_guides(guides, readers):
    partner = readers["partner"]
    organisation = partner.partner_memberships.get().organisation
    organisation.is_active = False
    organisation.save()
    forget_roles(partner)
    assert rules.test_rule("guides.read_guide", partner, guides["everyone"])
    assert not rules.test_rule("guides.read_guide", partner, guides["partners"])


@pytest.mark.parametrize("reader", ["anonymous", "resident", "partner", "staff"])
def test_index_lists_only_the_guides_the_reader_may_open(client, guides, readers, reader):
    if reader != "anonymous":
        client.force_login(readers[reader])
    html = client.get(guides["everyone"].get_parent().url).content.decode()
    for audience, page in guides.items():
        assert (page.url in html) == (reader in EXPECTED[audience]), audience
