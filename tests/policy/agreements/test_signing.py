"""Signatories sign in Engage; the agreement comes into force when all have signed and
its start date has come; staff send drafts for signature and terminate."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engage.accounts.rules import forget_roles, partner_may_view_reports
from engage.policy.models import (
    AgreementEvent,
    AgreementParty,
    AgreementSignatory,
    AgreementStatus,
    PartnerGrant,
)
from engage.policy.services import agreements as services
from tests import factories
from tests.factories.policy import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(organisation, staff, member):
    agreement = AgreementFactory(owner=staff)
    AgreementParty.objects.create(agreement=agreement, organisation=organisation)
    AgreementSignatory.objects.create(agreement=agreement, organisation=organisation, user=member)
    AgreementSignatory.objects.create(agreement=agreement, user=staff)
    PartnerGrant.objects.create(
        organisation=organisation, agreement=agreement, scope="city", access="view_reports"
    )
    return agreement


def test_sending_for_signature_needs_a_signatory_for_the_city(organisation, staff, member):
    agreement = AgreementFactory()
    AgreementParty.objects.create(agreement=agreement, organisation=organisation)
    AgreementSignatory.objects.create(agreement=agreement, organisation=organisation, user=member)
    with pytest.raises(Exception, match="signatory for the city"):
        services.submit_for_signature(agreement, staff)


def test_each_signatory_signs_and_the_agreement_comes_into_force(
    client, draft, member, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agreements:submit", args=[draft.pk]))
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, staff.email])
    assert not partner_may_view_reports(member, "city")

    client.force_login(member)
    page = client.get(reverse("agreements:detail", args=[draft.pk]))
    assert page.status_code == 200 and "Sign this agreement" in page.content.decode()
    refused = client.post(reverse("agreements:sign", args=[draft.pk]), {})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
    assert (
        client.post(reverse("agreements:sign", args=[draft.pk]), {"confirm": "on"}).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.AWAITING_SIGNATURES

    client.force_login(staff)
    client.post(reverse("agreements:sign", args=[draft.pk]), {"confirm": "on"})
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.IN_FORCE
    forget_roles(member)
    assert partner_may_view_reports(member, "city")
    kinds = list(draft.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "signed", "signed", "in_force"]


def test_an_agreement_signed_before_its_start_date_waits_for_it(draft, member, staff):
    start = timezone.localdate() + datetime.timedelta(days=5)
    type(draft).objects.filter(pk=draft.pk).update(start_date=start)
    services.submit_for_signature(draft, staff)
    services.sign(draft, member)
    services.sign(draft, staff)
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.AWAITING_SIGNATURES
    services.refresh_status(draft, start)
    assert draft.status == AgreementStatus.IN_FORCE


def test_someone_who_is_not_a_signatory_cannot_sign(client, draft, staff):
    services.submit_for_signature(draft, staff)
    stranger = factories.UserFactory()
    client.force_login(stranger)
    assert (
        client.post(reverse("agreements:sign", args=[draft.pk]), {"confirm": "on"}).status_code
        == 403
    )
    assert client.get(reverse("agreements:detail", args=[draft.pk])).status_code == 403
    assert not AgreementEvent.objects.filter(kind="signed").exists()


def test_a_draft_cannot_be_signed(client, draft, member):
    client.force_login(member)
    assert (
        client.post(reverse("agreements:sign", args=[draft.pk]), {"confirm": "on"}).status_code
        == 403
    )


def test_a_signatory_withdraws_with_a_reason_and_everyone_is_told(
    client, agreement, member, staff, organisation, django_capture_on_commit_callbacks
):
    signatory = agreement.signatories.exclude(organisation=None).get()
    signatory.user = member
    signatory.save()
    client.force_login(member)
    assert client.post(reverse("agreements:withdraw", args=[agreement.pk]), {}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agreements:withdraw", args=[agreement.pk]),
            {"withdraw-reason": "Our board did not approve it."},
        )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.WITHDRAWN
    assert {message.to[0] for message in mail.outbox} == {member.email, staff.email}


def test_staff_terminate_with_a_reason_and_partners_cannot(client, agreement, member, staff):
    client.force_login(member)
    url = reverse("agreements:terminate", args=[agreement.pk])
    assert client.post(url, {"terminate-reason": "No."}).status_code == 403
    client.force_login(staff)
    assert client.post(url, {"terminate-reason": ""}).status_code == 400
    assert client.post(url, {"terminate-reason": "The project ended."}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED
    assert agreement.ended_reason == "The project ended."
