"""The account settings page."""

import pytest
from django.urls import reverse

from engage.accounts.models import User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_account_settings_need_a_login(client):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_account_settings_update_display_name_and_language(client):
    user = UserFactory(display_name="Old name", preferred_language="en")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/", {"display_name": " New   name ", "preferred_language": "ar"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "New name"
    assert user.preferred_language == "ar"
    page = client.get(response["Location"]).content.decode()
    assert "Your account settings have been saved." in page
    assert 'value="ar" selected' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "", "preferred_language": ""}, "Enter a display name"),
        ({"display_name": "me@example.org", "preferred_language": ""}, "cannot be an email"),
        ({"display_name": "x" * 61, "preferred_language": ""}, "60 characters or fewer"),
        ({"display_name": "Amina", "preferred_language": "xx"}, "Choose one of the languages"),
    ],
)
def test_account_settings_refuse_bad_input_with_clear_errors(client, data, message):
    user = UserFactory(display_name="Amina")
    client.force_login(user)
    response = client.post("/en/accounts/profile/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "data-error-summary" in html
    assert 'aria-invalid="true"' in html
    assert User.objects.get(pk=user.pk).display_name == "Amina"


@pytest.mark.django_db
def test_emails_go_out_in_the_preferred_language(client, mailoutbox):
    user = UserFactory(preferred_language="fr")
    client.post("/en/accounts/password/reset/", {"email": user.email})
    assert len(mailoutbox) == 1
    assert "mot de passe" in mailoutbox[0].subject.lower() + mailoutbox[0].body.lower()


@pytest.mark.django_db
def test_public_pages_never_show_the_email_address(client, home_page):
    user = UserFactory(display_name="Amina")
    client.force_login(user)
    html = client.get("/en/", follow=True).content.decode()
    assert "Amina" in html
    assert user.email not in html
    assert str(user) == "Amina"
    nameless = UserFactory(display_name="")
    assert nameless.email not in str(nameless)
    assert str(nameless) == f"Resident {nameless.pk}"
