"""Information requests: a partner asks for an aggregate, staff approve, narrow or
decline it, the answer comes from suppressed reports only and its download is audited."""

import pytest
from django.urls import reverse

from engage.policy.models import ExportRecord, InformationRequest, RequestStatus
from engage.policy.services import requests as services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(db):
    area = factories.AreaFactory(code="E0500")
    return area


@pytest.fixture
def dimensions(area):
    age = factories.dimension_with_groups("Age band", {"young": "16-24", "older": "25+"})
    ethnic = factories.dimension_with_groups("Ethnic group", {"asian": "Asian", "white": "White"})
    for dimension in (age, ethnic):
        for category in dimension.categories.all():
            factories.BaselineShareFactory(area=area, category=category, share="0.5")
    return [age, ethnic]


@pytest.fixture
def participants(area, dimensions):
    """Three people who took part in the area, each declaring an age band: fewer than
    the suppression threshold, so no count may show."""
    for _index in range(3):
        person = factories.UserFactory()
        factories.ParticipationFactory(user=person, area=area)
        factories.DeclarationConsentFactory(user=person)
        factories.DeclarationFactory(user=person, category=dimensions[0].categories.first())


def _ask(client, agreement, dimensions, scope="area:E0500"):
    return client.post(
        reverse("agreements:request_create"),
        {
            "agreement": agreement.pk,
            "scope": scope,
            "dimensions": [d.pk for d in dimensions],
            "purpose": "Planning youth outreach in the ward.",
        },
    )


def test_a_partner_asks_and_staff_approve_with_suppressed_figures(
    client, agreement, member, staff, dimensions, participants
):
    client.force_login(member)
    response = _ask(client, agreement, dimensions)
    assert response.status_code == 302
    request = InformationRequest.objects.get()
    assert request.status == RequestStatus.SUBMITTED
    assert client.get(reverse("agreements:request_download", args=[request.pk])).status_code == 403

    client.force_login(staff)
    decided = client.post(
        reverse("agreements:request_decide", args=[request.pk]), {"decision": "approve"}
    )
    assert decided.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    counts = [
        row["participants"]
        for report in request.answer["reports"]
        for dimension in report["dimensions"]
        for row in dimension["rows"]
    ]
    assert counts and all(
        cell["label"].startswith("fewer than") or cell["count"] is None or cell["count"] >= 10
        for cell in counts
    )
    assert not any(cell["count"] == 3 for cell in counts)

    client.force_login(member)
    download = client.get(reverse("agreements:request_download", args=[request.pk]))
    assert download.status_code == 200
    assert "fewer than" in download.content.decode()
    record = ExportRecord.objects.get(kind="information_request")
    assert (record.agreement, record.user) == (agreement, member)


def test_staff_narrow_to_fewer_dimensions_with_a_reason(agreement, member, staff, dimensions):
    request = services.submit_request(
        member, agreement.parties.get().organisation, agreement, "area:E0500", dimensions, "Why"
    )
    with pytest.raises(Exception, match="reason"):
        services.decide_request(request, staff, services.NARROW, dimensions=dimensions[:1])
    services.decide_request(
        request,
        staff,
        services.NARROW,
        note="Age only: ethnicity is too small.",
        dimensions=dimensions[:1],
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.NARROWED
    assert [report["dimensions"][0]["dimension"] for report in request.answer["reports"]] == [
        dimensions[0].slug
    ]


def test_narrowing_cannot_widen_the_request(agreement, member, staff, dimensions):
    request = services.submit_request(
        member, agreement.parties.get().organisation, agreement, "area:E0500", dimensions[:1], "Why"
    )
    with pytest.raises(Exception, match="narrowed answer"):
        services.decide_request(
            request, staff, services.NARROW, note="More", scope="city", dimensions=dimensions
        )


def test_staff_decline_with_a_reason_and_no_answer_is_made(
    client, agreement, member, staff, dimensions
):
    request = services.submit_request(
        member, agreement.parties.get().organisation, agreement, "area:E0500", dimensions, "Why"
    )
    client.force_login(staff)
    url = reverse("agreements:request_decide", args=[request.pk])
    assert client.post(url, {"decision": "decline", "note": ""}).status_code == 400
    assert (
        client.post(url, {"decision": "decline", "note": "Outside the purpose."}).status_code == 302
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED and request.answer is None


def test_a_partner_cannot_decide_nor_ask_without_an_agreement(
    client, member, organisation, dimensions
):
    client.force_login(member)
    page = client.get(reverse("agreements:request_create"))
    assert "no agreement in force" in page.content.decode()
    other = factories.UserFactory()
    client.force_login(other)
    assert client.get(reverse("agreements:request_create")).status_code == 403
    assert client.get(reverse("agreements:requests")).status_code == 403


def test_another_organisation_cannot_see_the_request(client, agreement, member, dimensions):
    request = services.submit_request(
        member, agreement.parties.get().organisation, agreement, "city", dimensions, "Why"
    )
    outsider = factories.partner_member(grants=[("city", "export")], organisation="Schools")
    client.force_login(outsider)
    assert client.get(reverse("agreements:request_detail", args=[request.pk])).status_code == 403
    decide = reverse("agreements:request_decide", args=[request.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403


def test_the_answer_cannot_be_downloaded_once_the_agreement_ended(
    client, agreement, member, staff, dimensions
):
    request = services.submit_request(
        member, agreement.parties.get().organisation, agreement, "area:E0500", dimensions, "Why"
    )
    services.decide_request(request, staff, services.APPROVE)
    from engage.policy.services.agreements import terminate

    terminate(agreement, staff, "Ended.")
    client.force_login(member)
    assert client.get(reverse("agreements:request_download", args=[request.pk])).status_code == 403
