"""Access follows only from an agreement in force: computed in SQL on every read, so a
withdrawn signature, a termination or an expiry revokes it at once."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engage.accounts.rules import forget_roles, partner_may_view_reports
from engage.policy.models import (
    AgreementSignatory,
    AgreementStatus,
    InformationSharingAgreement,
    PartnerGrant,
)
from engage.policy.services import agreements as services
from tests import factories
from tests.factories.policy import AgreementFactory, add_party

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


def usable(user, today=DAY):
    return set(PartnerGrant.objects.usable_by(user, today=today).values_list("scope", "access"))


def test_a_grant_without_an_agreement_gives_no_access(organisation, member):
    factories.PartnerGrantFactory(
        organisation=organisation, scope="city", agreement=None, access=PartnerGrant.Access.EXPORT
    )
    assert usable(member) == set()
    assert not partner_may_view_reports(member, "city")


def test_a_grant_under_an_agreement_in_force_gives_access(agreement, member):
    assert usable(member) == {("city", "view_reports")}
    assert partner_may_view_reports(member, "area:E0001")


def test_withdrawing_a_signature_revokes_access_at_once(agreement, member):
    signatory = agreement.signatories.exclude(organisation=None).get()
    assert partner_may_view_reports(member, "city")
    services.withdraw_signature(agreement, signatory.user, "Our board did not approve it.")
    forget_roles(member)
    assert not partner_may_view_reports(member, "city")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.WITHDRAWN


def test_termination_revokes_access_at_once(agreement, member, staff):
    services.terminate(agreement, staff, "The partnership has ended.")
    assert usable(member) == set()


def test_expiry_revokes_access_on_the_expiry_date_without_any_task(agreement, member):
    InformationSharingAgreement.objects.filter(pk=agreement.pk).update(
        expiry_date=DAY, review_date=DAY
    )
    assert usable(member, DAY - datetime.timedelta(days=1)) == {("city", "view_reports")}
    assert usable(member, DAY) == set()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE  # stored status untouched
    assert agreement.status_on(DAY) == AgreementStatus.EXPIRED


def test_no_access_before_the_start_date(agreement, member):
    InformationSharingAgreement.objects.filter(pk=agreement.pk).update(start_date=DAY)
    assert usable(member, DAY - datetime.timedelta(days=1)) == set()
    assert usable(member, DAY) == {("city", "view_reports")}


def test_a_grant_for_an_organisation_that_is_not_a_party_gives_no_access(agreement, member):
    other = factories.PartnerOrganisationFactory(name="Schools")
    outsider = factories.PartnerMembershipFactory(organisation=other).user
    PartnerGrant.objects.create(
        organisation=other, agreement=agreement, scope="city", access="export"
    )
    assert usable(outsider) == set()


def test_an_inactive_organisation_has_no_access(agreement, member, organisation):
    organisation.is_active = False
    organisation.save()
    assert usable(member) == set()


@st.composite
def agreement_states(draw):
    """An agreement's stored status, its dates around DAY and each signature's state."""
    offsets = st.integers(min_value=-40, max_value=40)
    start = DAY + datetime.timedelta(days=draw(offsets))
    expiry = start + datetime.timedelta(days=draw(st.integers(min_value=1, max_value=60)))
    signature = st.sampled_from(["signed", "pending", "withdrawn"])
    return {
        "status": draw(st.sampled_from(AgreementStatus.values)),
        "start": start,
        "expiry": expiry,
        "party_signatures": draw(st.lists(signature, min_size=0, max_size=2)),
        "city_signatures": draw(st.lists(signature, min_size=0, max_size=2)),
        "member_of_party": draw(st.booleans()),
        "transitional": draw(st.booleans()),
    }


def _make(state, organisation):
    agreement = AgreementFactory(
        status=state["status"],
        start_date=state["start"],
        review_date=state["expiry"],
        expiry_date=state["expiry"],
        is_transitional=state["transitional"],
    )
    if state["member_of_party"]:
        factories.policy.AgreementParty.objects.create(
            agreement=agreement, organisation=organisation
        )
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for index, signature in enumerate(state["party_signatures"] + state["city_signatures"]):
        is_party = index < len(state["party_signatures"])
        AgreementSignatory.objects.create(
            agreement=agreement,
            organisation=organisation if is_party else None,
            user=factories.UserFactory(),
            signed_at=None if signature == "pending" else now,
            withdrawn_at=now if signature == "withdrawn" else None,
        )
    PartnerGrant.objects.create(
        organisation=organisation, agreement=agreement, scope="city", access="view_reports"
    )
    return agreement


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(state=agreement_states())
def test_access_exists_exactly_when_an_agreement_is_in_force(organisation, member, state):
    """Property: a member has access on DAY if and only if the grant's agreement is in
    force on DAY: sent for signature and not ended, started and not expired, names the
    organisation as a party, and every signatory (at least one per party and one for
    the city) has signed without withdrawing — or it is transitional."""
    PartnerGrant.objects.all().delete()
    InformationSharingAgreement.objects.all().delete()
    agreement = _make(state, organisation)
    signatures = state["party_signatures"] + state["city_signatures"]
    signed = (
        bool(state["party_signatures"])
        and bool(state["city_signatures"])
        and all(s == "signed" for s in signatures)
    )
    expected = (
        state["status"] in ("awaiting_signatures", "in_force")
        and state["start"] <= DAY < state["expiry"]
        and state["member_of_party"]
        and (signed or state["transitional"])
    )
    assert bool(usable(member)) == expected
    # The status people see agrees with the SQL (when the organisation is a party).
    if state["member_of_party"]:
        agreement = InformationSharingAgreement.objects.get(pk=agreement.pk)
        assert agreement.is_in_force(DAY) == expected


def test_adding_a_pending_signatory_suspends_access(agreement, member, organisation):
    add_party(agreement, organisation, signed=False)
    assert usable(member) == set()
