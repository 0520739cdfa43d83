"""allauth flows end to end with the Django test client, through the site's templates."""

import re

import pytest
import rules
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from engage.accounts.models import User
from tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "a-new-and-longer-passphrase-42"


def link_in(message):
    """The first URL in an email body."""
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_sign_up_verify_log_in_out_and_reset_password(client):
    # Sign up with a display name.
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "amina@example.org",
            "display_name": "  Amina  B. ",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="amina@example.org")
    assert user.display_name == "Amina B."
    assert user.preferred_language == "en"
    assert not rules.test_rule("accounts.take_part", user)

    # The verification email goes out; follow the link and confirm.
    assert len(mail.outbox) == 1
    confirm_url = link_in(mail.outbox[0])
    assert confirm_url.startswith("/en/accounts/confirm-email/")
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "Amina B." in page.content.decode()
    assert client.post(confirm_url).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    user = User.objects.get(pk=user.pk)
    assert rules.test_rule("accounts.take_part", user)

    # Log out, then log in.
    client.post("/en/accounts/logout/")
    response = client.post(
        "/en/accounts/login/", {"login": "amina@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/en/accounts/profile/").status_code == 200

    # Log out.
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/en/accounts/profile/").status_code == 302

    # Reset the password by email, and log in with the new one.
    mail.outbox.clear()
    response = client.post("/en/accounts/password/reset/", {"email": "amina@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = link_in(mail.outbox[0])
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key into the session
    set_password_url = response["Location"]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    client.logout()
    assert not client.login(email="amina@example.org", password=PASSWORD)
    response = client.post(
        "/en/accounts/login/", {"login": "amina@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_verification_email_is_in_the_language_of_sign_up(client):
    client.post(
        "/fr/accounts/signup/",
        {
            "email": "claire@example.org",
            "display_name": "Claire",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = User.objects.get(email="claire@example.org")
    assert user.preferred_language == "fr"
    assert "/fr/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_unverified_account_cannot_log_in_and_is_told_to_verify(client):
    user = UserFactory(verified=False)
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert "Verify Your Email Address" in response.content.decode()
    assert len(mail.outbox) == 1  # a fresh verification email
    assert not rules.test_rule("accounts.take_part", user)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"display_name": ""}, "display_name", "Enter a display name"),
        ({"display_name": "me@example.org"}, "display_name", "cannot be an email address"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address"),
        ({"password2": "something-else-entirely"}, "password2", "same password"),
        ({"password1": "123", "password2": "123"}, "password1", "too short"),
    ],
)
def test_sign_up_errors_are_summarised_and_linked_to_fields(client, data, field, message):
    form = {
        "email": "new@example.org",
        "display_name": "New person",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **data,
    }
    response = client.post("/en/accounts/signup/", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "data-error-summary" in html and 'role="alert"' in html
    assert f'href="#id_{field}"' in html
    assert re.search(rf'<[^>]*id="id_{field}"[^>]*aria-invalid="true"', html) or re.search(
        rf'<[^>]*aria-invalid="true"[^>]*id="id_{field}"', html
    )
    assert f'id="id_{field}_error"' in html
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
def test_sign_up_errors_are_translated(client):
    response = client.post("/fr/accounts/signup/", {"email": "x@example.org"})
    html = response.content.decode()
    assert 'lang="fr"' in html
    # The project's catalogue (engage/accounts/borrowed_messages.py copies allauth's
    # messages into it, so Urdu and Somali have them too) overrides allauth's French.
    assert "Ce champ est obligatoire." in html
    assert "This field is required" not in html


@pytest.mark.django_db
def test_wrong_password_is_reported_without_revealing_the_account(client):
    user = UserFactory()
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-error-summary" in html
    assert "not correct" in html


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    user = UserFactory()
    statuses = [
        client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"}).status_code
        for _ in range(6)
    ]
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert statuses[:5] == [200] * 5
    assert "Too many failed login attempts" in response.content.decode()
