"""The "Engage" admin menu and the people-and-partners items in it."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail import hooks
from wagtail.admin.menu import MenuItem, admin_menu

from engage.accounts.models import CommunityLeadership
from engage.accounts.wagtail_hooks import ENGAGE_MENU_HOOK, EngageViewSetGroup
from engage.policy.models import PartnerGrant, PartnerMembership, PartnerOrganisation
from tests import factories


@pytest.fixture
def staff(client):
    user = factories.with_totp(factories.city_staff())
    client.force_login(user)
    return user


def engage_menu_labels(user):
    import wagtail.admin.urls  # noqa: F401  (loading the admin URLs registers the viewsets)

    request = RequestFactory().get("/admin/")
    request.user = user
    items = admin_menu.menu_items_for_request(request)
    engage = next((item for item in items if item.name == "engage"), None)
    if engage is None:
        return None
    items = sorted(engage.menu.menu_items_for_request(request), key=lambda item: item.order)
    return [item.label for item in items]


@pytest.mark.django_db
def test_staff_see_the_engage_menu(staff):
    labels = engage_menu_labels(staff)
    assert labels[:3] == ["Community leaderships", "Partner organisations", "Partner memberships"]


@pytest.mark.django_db
def test_moderators_see_only_the_moderation_items():
    moderator = factories.with_totp(factories.moderator())
    labels = engage_menu_labels(moderator)
    assert labels, "moderators need the moderation queue"
    assert all(label.startswith("Moderation") for label in labels), labels


@pytest.mark.django_db
def test_later_apps_can_add_items_to_the_engage_menu(staff):
    def item():
        return MenuItem("Moderation queue", "/admin/moderation/", name="moderation", order=50)

    engage_menu_labels(staff)  # registers the viewsets
    request = RequestFactory().get("/admin/")
    request.user = staff
    with hooks.register_temporarily(ENGAGE_MENU_HOOK, item):
        menu = EngageViewSetGroup().get_menu_item().menu
        items = sorted(menu.menu_items_for_request(request), key=lambda entry: entry.order)
        labels = [entry.label for entry in items]
    assert labels[0] == "Moderation queue"
    assert "Community leaderships" in labels


@pytest.mark.django_db
def test_staff_grant_and_revoke_leadership(client, staff):
    person = factories.UserFactory()
    group = factories.community_group()
    response = client.post(
        "/admin/community_leaderships/new/",
        {"user": person.pk, "community_group": group.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    leadership = CommunityLeadership.objects.get(user=person)
    assert leadership.granted_by == staff
    assert leadership.is_active

    response = client.post(
        f"/admin/community_leaderships/edit/{leadership.pk}/",
        {"user": person.pk, "community_group": group.pk, "revoked": "on"},
    )
    assert response.status_code == 302
    leadership.refresh_from_db()
    assert leadership.revoked_at is not None
    assert client.get("/admin/community_leaderships/").status_code == 200


@pytest.mark.django_db
def test_moderators_cannot_grant_leadership(client):
    client.force_login(factories.with_totp(factories.moderator()))
    person = factories.UserFactory()
    group = factories.community_group()
    response = client.post(
        "/admin/community_leaderships/new/",
        {"user": person.pk, "community_group": group.pk},
    )
    assert response.status_code in (302, 403)
    assert not CommunityLeadership.objects.exists()


@pytest.mark.django_db
def test_staff_add_partner_organisation(client, staff):
    """Grants are given by an information-sharing agreement, not on the organisation."""
    response = client.post(
        "/admin/partner_organisations/new/",
        {
            "name": "Northbridge Police",
            "slug": "police",
            "description": "",
            "organisation_type": "public",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = PartnerOrganisation.objects.get(slug="police")
    assert not organisation.grants.exists()


def test_a_malformed_grant_scope_is_refused_with_a_clear_error():
    grant = PartnerGrant(scope="everywhere", access=PartnerGrant.Access.EXPORT)
    with pytest.raises(ValidationError, match="is not a scope"):
        grant.clean()


@pytest.mark.django_db
def test_staff_add_a_partner_member(client, staff):
    organisation = factories.PartnerOrganisationFactory(name="Housing", slug="housing")
    person = factories.UserFactory()
    response = client.post(
        "/admin/partner_memberships/new/", {"organisation": organisation.pk, "user": person.pk}
    )
    assert response.status_code == 302
    assert PartnerMembership.objects.filter(organisation=organisation, user=person).exists()


@pytest.mark.django_db
def test_admin_is_branded_engage(client, staff):
    html = client.get("/admin/").content.decode()
    assert "- Engage</title>" in html or "Engage</title>" in html
    assert "engage-admin-logo" in html
