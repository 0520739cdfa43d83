"""A partner member's "What I can see and why" page and its API, and the agreement's
admin: lawful basis validated, terms locked once sent for signature."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engage.policy.models import InformationSharingAgreement, OrganisationType, PartnerGrant
from engage.policy.services import agreements as services
from tests import factories
from tests.factories.policy import AgreementFactory, agreement_in_force

pytestmark = pytest.mark.django_db


def test_the_partner_sees_each_agreement_in_force_its_grants_dates_and_signatories(
    client, agreement, member, staff
):
    ended = agreement_in_force(agreement.parties.get().organisation, title="Old housing data")
    services.terminate(ended, staff, "Replaced.")
    client.force_login(member)
    page = client.get(reverse("agreements:mine"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1") == 1
    assert "Community safety" in html and "Old housing data" not in html
    assert "the whole city" in html and "view aggregate reports" in html
    assert staff.display_name in html
    assert agreement.expiry_date.strftime("%Y-%m-%d") in html


def test_a_partner_without_agreement_is_told_why_they_see_nothing(client, member):
    client.force_login(member)
    html = client.get(reverse("agreements:mine")).content.decode()
    assert "No agreement is in force for your organisation today" in html


@pytest.mark.parametrize("who", ["resident", "anonymous"])
def test_people_who_are_not_partners_cannot_open_the_page(client, who):
    if who == "resident":
        client.force_login(factories.UserFactory())
        assert client.get(reverse("agreements:mine")).status_code == 403
    else:
        assert client.get(reverse("agreements:mine")).status_code == 302


def test_the_api_lists_my_agreements_in_force(client, agreement, member):
    client.force_login(member)
    data = client.get("/api/v1/agreements/").json()
    assert [item["title"] for item in data] == ["Community safety"]
    assert data[0]["grants"] == [
        {"organisation": "Northbridge Police", "scope": "city", "access": "view_reports"}
    ]
    assert len(data[0]["signatories"]) == 2


def test_the_api_is_empty_for_others_and_refuses_visitors(client, agreement):
    assert client.get("/api/v1/agreements/").status_code == 401
    client.force_login(factories.UserFactory())
    assert client.get("/api/v1/agreements/").json() == []


def test_special_category_data_needs_both_conditions_that_fit():
    agreement = AgreementFactory.build(special_category=True, dpia_reference="")
    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["owner"])
    assert {"article_9_condition", "schedule_1_condition", "dpia_reference"} <= set(
        error.value.message_dict
    )
    agreement.article_9_condition = "g"
    agreement.schedule_1_condition = "2"  # a Part 1 condition does not fit (g)
    agreement.dpia_reference = "DPIA-2026-04"
    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["owner"])
    assert set(error.value.message_dict) == {"schedule_1_condition"}
    agreement.schedule_1_condition = "18"
    agreement.full_clean(exclude=["owner"])
    agreement.article_9_condition, agreement.schedule_1_condition = "a", "none"
    agreement.full_clean(exclude=["owner"])


def test_conditions_are_refused_without_special_category_data():
    agreement = AgreementFactory.build(article_9_condition="g")
    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["owner"])
    assert "article_9_condition" in error.value.message_dict


def test_dates_must_be_in_order():
    agreement = AgreementFactory.build(
        start_date=datetime.date(2026, 5, 1),
        review_date=datetime.date(2026, 6, 1),
        expiry_date=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["owner"])
    assert {"expiry_date", "review_date"} <= set(error.value.message_dict)


def _admin_post(organisation, signatory, **extra):
    data = {
        "title": "Youth services",
        "reference": "",
        "purpose": "Reach young people.",
        "lawful_basis": "e",
        "lawful_basis_detail": "",
        "article_9_condition": "",
        "schedule_1_condition": "",
        "dpia_reference": "",
        "data_categories": "Aggregates",
        "retention": "One year",
        "security_measures": "TOTP",
        "start_date": "2026-01-01",
        "review_date": "2026-12-01",
        "expiry_date": "2027-01-01",
        "owner": "",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "1",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-organisation": organisation.pk,
        "parties-0-id": "",
        "parties-0-ORDER": "1",
        "parties-0-DELETE": "",
        "grants-TOTAL_FORMS": "1",
        "grants-INITIAL_FORMS": "0",
        "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000",
        "grants-0-organisation": organisation.pk,
        "grants-0-scope": "city",
        "grants-0-access": "view_reports",
        "grants-0-id": "",
        "grants-0-ORDER": "1",
        "grants-0-DELETE": "",
        "signatories-TOTAL_FORMS": "1",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "1000",
        "signatories-0-organisation": "",
        "signatories-0-user": signatory.pk,
        "signatories-0-role": "Chief executive",
        "signatories-0-id": "",
        "signatories-0-ORDER": "1",
        "signatories-0-DELETE": "",
    }
    data.update(extra)
    return data


def test_staff_draft_an_agreement_in_the_admin(client, staff, organisation):
    client.force_login(staff)
    url = reverse("wagtailsnippets_policy_informationsharingagreement:add")
    response = client.post(url, _admin_post(organisation, staff))
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = InformationSharingAgreement.objects.get(title="Youth services")
    assert agreement.status == "draft"
    assert list(agreement.grants.values_list("scope", flat=True)) == ["city"]
    assert agreement.revisions.count() == 1


def test_a_grant_for_an_organisation_that_is_not_a_party_is_refused(client, staff, organisation):
    other = factories.PartnerOrganisationFactory(name="Schools")
    client.force_login(staff)
    url = reverse("wagtailsnippets_policy_informationsharingagreement:add")
    response = client.post(
        url, _admin_post(organisation, staff, **{"grants-0-organisation": other.pk})
    )
    assert response.status_code == 200
    assert "partner organisations of the agreement first" in response.content.decode()
    assert not InformationSharingAgreement.objects.exists()


def test_terms_are_locked_once_sent_for_signature(client, staff, agreement):
    client.force_login(staff)
    url = reverse("wagtailsnippets_policy_informationsharingagreement:edit", args=[agreement.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    for prefix, formset in form.formsets.items():
        management = formset.management_form
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for child in formset.forms:
            for name in child.fields:
                value = child[name].value()
                data[child.add_prefix(name)] = "" if value is None else value
    data["purpose"] = "Something else entirely."
    response = client.post(url, data)
    assert response.status_code == 200
    assert "can no longer change" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.purpose != "Something else entirely."


def test_partners_and_moderators_cannot_open_the_agreements_admin(client, member):
    client.force_login(factories.with_totp(factories.moderator()))
    response = client.get(reverse("wagtailsnippets_policy_informationsharingagreement:list"))
    assert response.status_code in (302, 403)


def test_organisations_have_a_type_for_private_and_third_sector_partners():
    charity = factories.PartnerOrganisationFactory(
        name="Refugee Action", organisation_type=OrganisationType.THIRD
    )
    assert charity.get_organisation_type_display() == "third sector (voluntary and community)"
    unnamed = factories.PartnerOrganisationFactory(name="Legacy", organisation_type="")
    assert unnamed.organisation_type == OrganisationType.PUBLIC


def test_the_transitional_migration_wraps_each_organisations_grants(organisation):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("engage.policy.migrations.0006_transitional_agreements")
    other = factories.PartnerOrganisationFactory(name="Fire service")
    PartnerGrant.objects.create(organisation=organisation, scope="city", access="export")
    PartnerGrant.objects.create(organisation=organisation, scope="area:E1", access="export")
    PartnerGrant.objects.create(organisation=other, scope="city", access="view_reports")
    migration.wrap_existing_grants(apps, None)
    agreements = InformationSharingAgreement.objects.filter(is_transitional=True)
    assert agreements.count() == 2
    for agreement in agreements:
        assert agreement.is_in_force()
        assert (agreement.review_date - agreement.start_date).days == 90
        assert agreement.title.startswith("Transitional agreement")
    assert not PartnerGrant.objects.filter(agreement=None).exists()
    member = factories.PartnerMembershipFactory(organisation=other).user
    assert set(PartnerGrant.objects.usable_by(member).values_list("scope", flat=True)) == {"city"}
