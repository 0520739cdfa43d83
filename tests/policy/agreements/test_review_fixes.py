"""Regressions from the review of information-sharing agreements: the answer page
follows the download's rule and is recorded; grants cannot be edited through the
partner organisation; list reads note the grants they use; a request's scope must be
granted by its agreement."""

import pytest
from django.urls import reverse

from engage.monitoring.alerts.models import Alert
from engage.monitoring.tension.rules import granted_area_codes
from engage.policy.access_log import collecting
from engage.policy.models import ExportRecord, PartnerGrant, PartnerOrganisation
from engage.policy.services import requests as services
from engage.policy.services.agreements import terminate
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dimensions(db):
    area = factories.AreaFactory(code="E0500")
    age = factories.dimension_with_groups("Age band", {"young": "16-24", "older": "25+"})
    for category in age.categories.all():
        factories.BaselineShareFactory(area=area, category=category, share="0.5")
    return [age]


@pytest.fixture
def answered(agreement, organisation, member, staff, dimensions):
    request = services.submit_request(
        member, organisation, agreement, "area:E0500", dimensions, "Youth outreach"
    )
    return services.decide_request(request, staff, services.APPROVE)


def _detail(client, request):
    return client.get(reverse("agreements:request_detail", args=[request.pk]))


# 1. The answer on the request page: same rule as the download, and recorded.


def test_the_answer_page_shows_the_answer_and_records_the_view(client, member, answered):
    client.force_login(member)
    page = _detail(client, answered)
    assert page.status_code == 200
    assert 'id="answer-heading"' in page.content.decode()
    record = ExportRecord.objects.get(kind="information_request")
    assert (record.user, record.agreement, record.export_format) == (
        member,
        answered.agreement,
        "html",
    )


def test_the_answer_is_hidden_without_two_factor(client, organisation, answered, settings):
    colleague = factories.PartnerMembershipFactory(organisation=organisation).user
    client.force_login(colleague)
    page = _detail(client, answered)
    assert page.status_code == 200
    assert 'id="answer-heading"' not in page.content.decode()
    assert not ExportRecord.objects.filter(kind="information_request").exists()


def test_the_answer_is_hidden_once_the_agreement_ended(client, member, staff, answered):
    terminate(answered.agreement, staff, "Ended.")
    client.force_login(member)
    page = _detail(client, answered)
    assert page.status_code == 200
    assert 'id="answer-heading"' not in page.content.decode()
    assert not ExportRecord.objects.filter(kind="information_request").exists()


# 2. Grants are edited on the agreement, never through the organisation.


def _organisation_post(organisation, **extra):
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "organisation_type": "public",
        "description": "",
        "is_active": "on",
        **extra,
    }


def _grant_formset(*rows, initial=0):
    data = {
        "grants-TOTAL_FORMS": str(len(rows)),
        "grants-INITIAL_FORMS": str(initial),
        "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"grants-{index}-{key}"] = value
    return data


def test_a_grant_cannot_be_added_through_the_organisation(client, staff, organisation, agreement):
    client.force_login(staff)
    url = f"/admin/partner_organisations/edit/{organisation.pk}/"
    before = set(PartnerGrant.objects.values_list("pk", "scope", "access"))
    data = _organisation_post(
        organisation,
        **_grant_formset(
            {"agreement": agreement.pk, "scope": "area:E0999", "access": "export", "id": ""}
        ),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "on the information-sharing agreement" in response.content.decode()
    assert set(PartnerGrant.objects.values_list("pk", "scope", "access")) == before


def test_a_signed_agreements_grant_cannot_be_changed_or_removed_through_the_organisation(
    client, staff, organisation, agreement
):
    grant = agreement.grants.get()
    client.force_login(staff)
    url = f"/admin/partner_organisations/edit/{organisation.pk}/"
    row = {"id": grant.pk, "agreement": agreement.pk, "scope": "city", "access": "export"}
    for change in (row, {**row, "access": grant.access, "DELETE": "on"}):
        response = client.post(
            url, _organisation_post(organisation, **_grant_formset(change, initial=1))
        )
        assert response.status_code == 200
        grant.refresh_from_db()
        assert grant.access == PartnerGrant.Access.VIEW_REPORTS


def test_the_organisation_form_shows_grants_read_only_and_saves_without_them(
    client, staff, organisation, agreement
):
    client.force_login(staff)
    url = f"/admin/partner_organisations/edit/{organisation.pk}/"
    page = client.get(url).content.decode()
    assert "grants-TOTAL_FORMS" not in page
    assert agreement.title in page
    response = client.post(url, _organisation_post(organisation, description="Updated"))
    assert response.status_code == 302
    assert PartnerOrganisation.objects.get(pk=organisation.pk).description == "Updated"
    assert agreement.grants.filter(organisation=organisation).count() == 1


# 3. Reads of every granted scope at once note the grants they use.


def test_listing_alerts_notes_the_grants_used(agreement, member):
    with collecting() as notes:
        list(Alert.objects.visible_to(member))
    assert (member.pk, "city", PartnerGrant.Access.VIEW_REPORTS) in notes


def test_the_areas_of_tension_assessments_note_the_grants_used(agreement, member):
    with collecting() as notes:
        assert granted_area_codes(member) is None
    assert (member.pk, "city", PartnerGrant.Access.VIEW_REPORTS) in notes


# 4. A request's scope must be granted by its agreement.


@pytest.fixture
def area_agreement(agreement, organisation):
    agreement.grants.update(scope="area:E0500")
    return agreement


def test_a_request_for_a_scope_the_agreement_does_not_grant_is_refused(
    area_agreement, organisation, member, dimensions
):
    with pytest.raises(Exception, match="area:E0500") as error:
        services.submit_request(member, organisation, area_agreement, "city", dimensions, "Why")
    assert "does not cover the scope city" in str(error.value)
    assert not area_agreement.information_requests.exists()


def test_the_request_form_names_the_scopes_allowed(client, area_agreement, member, dimensions):
    client.force_login(member)
    response = client.post(
        reverse("agreements:request_create"),
        {
            "agreement": area_agreement.pk,
            "scope": "area:E0600",
            "dimensions": [d.pk for d in dimensions],
            "purpose": "Planning.",
        },
    )
    assert response.status_code == 400
    assert "area:E0500" in response.content.decode()


def test_staff_cannot_narrow_to_a_scope_the_agreement_does_not_grant(
    client, agreement, organisation, member, staff, dimensions
):
    request = services.submit_request(member, organisation, agreement, "city", dimensions, "Why")
    agreement.grants.update(scope="area:E0500")
    with pytest.raises(Exception, match="does not cover the scope area:E0600"):
        services.decide_request(
            request,
            staff,
            services.NARROW,
            note="A ward only.",
            scope="area:E0600",
            dimensions=dimensions,
        )
    request.refresh_from_db()
    assert request.answer is None


def test_the_request_form_says_the_period_is_recorded_only(client, agreement, member):
    client.force_login(member)
    page = client.get(reverse("agreements:request_create")).content.decode()
    assert "Recorded with your request only" in page
