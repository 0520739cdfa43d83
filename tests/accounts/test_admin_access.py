"""Two-factor authentication before the staff workspace (RequireMfaForAdminMiddleware)."""

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD

ACTIVATE_TOTP = "/en/accounts/2fa/totp/activate"


@pytest.fixture(autouse=True)
def _no_exemptions(no_mfa_exemptions):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("make", [factories.city_staff, factories.moderator])
def test_admin_roles_without_totp_are_sent_to_set_it_up(client, make):
    client.force_login(make())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(ACTIVATE_TOTP)


@pytest.mark.django_db
def test_superuser_without_totp_is_sent_to_set_it_up(client):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/admin/pages/")["Location"].startswith(ACTIVATE_TOTP)
    assert client.get("/django-admin/")["Location"].startswith(ACTIVATE_TOTP)


@pytest.mark.django_db
def test_totp_set_up_page_itself_is_reachable(client):
    staff = factories.city_staff()
    client.post("/en/accounts/login/", {"login": staff.email, "password": PASSWORD})
    activate_url = client.get("/admin/")["Location"]
    # allauth asks for the password again before a new authenticator is added.
    response = client.get(activate_url)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    confirm = client.get(response["Location"])
    assert confirm.status_code == 200
    assert confirm.content.decode().count("<h1") == 1
    assert "Set up two-factor authentication to use the staff workspace" in confirm.content.decode()
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get(activate_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Activate Authenticator App" in html


@pytest.mark.django_db
@pytest.mark.parametrize("make", [factories.city_staff, factories.moderator])
def test_admin_roles_with_totp_reach_the_admin(client, make):
    client.force_login(factories.with_totp(make()))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Engage" in response.content.decode()


@pytest.mark.django_db
def test_exempt_email_reaches_the_admin_without_totp(client, settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = ["staff@example.org"]
    client.force_login(factories.city_staff(email="staff@example.org"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Engage" in response.content.decode()


@pytest.mark.django_db
def test_admin_logout_is_not_blocked(client):
    client.force_login(factories.city_staff())
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert not response["Location"].startswith(ACTIVATE_TOTP)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_anonymous_visitors_log_in_through_allauth(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/pages/" in response["Location"]
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"
    response = client.post("/django-admin/login/", {"username": "x", "password": "y"})
    assert response["Location"] == reverse("account_login") + "?next=/django-admin/"


@pytest.mark.django_db
def test_residents_are_told_the_admin_is_not_for_them(client):
    client.force_login(factories.UserFactory())
    for path in ("/admin/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "This workspace is for city staff" in response.content.decode()


@pytest.mark.django_db
def test_staff_with_totp_log_in_through_the_two_factor_step(client):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    staff = factories.city_staff()
    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(staff, secret)
    response = client.post(
        "/en/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert response["Location"].startswith("/en/accounts/2fa/authenticate")
    assert "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(response["Location"], {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
