"""allauth's limits (sign-in, password reset) answer the 429 page, never 500, and
failed sign-ins are limited per account and address: nobody can lock someone else out
by guessing from the same address, and the owner hears about a lockout by email."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from engage.settings import base as base_settings
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

LIBRARY = "203.0.113.7"
HOME = "198.51.100.23"


def sign_in(client, email, password, address=LIBRARY):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def refused_for_too_many_attempts(response):
    return response.status_code == 200 and "Too many failed login attempts" in (
        response.content.decode()
    )


def test_seven_password_resets_in_a_row_answer_429_never_500(client):
    person = UserFactory()
    url = reverse("account_reset_password")
    statuses = [client.post(url, {"email": person.email}).status_code for _n in range(7)]
    # allauth's default "5/m/key" for one email address.
    assert statuses == [302] * 5 + [429] * 2
    response = client.post(url, {"email": person.email})
    content = response.content.decode()
    assert "<h1>Please wait a moment</h1>" in content
    assert "Please wait a few minutes, then try again." in content
    assert 'href="/en/"' in content


def test_too_many_sign_in_posts_from_one_address_answer_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    person = UserFactory()
    statuses = [sign_in(client, person.email, "wrong").status_code for _n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # Another address is not affected.
    assert signed_in(sign_in(client, person.email, PASSWORD, address=HOME))


def test_429_page_from_allauth_follows_the_page_language(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    url = reverse("account_login").replace("/en/", "/ar/", 1)
    client.post(url, {"login": "a@example.org", "password": "x"})
    response = client.post(url, {"login": "a@example.org", "password": "x"})
    assert response.status_code == 429
    assert 'dir="rtl"' in response.content.decode()
    assert 'href="/ar/"' in response.content.decode()


def test_failed_sign_ins_for_other_accounts_never_lock_out_the_right_password(client, settings):
    """100 failures from one address with the real limits, for unknown addresses and
    for other people's accounts (each pushed to its own lockout), then someone who has
    never signed in there before signs in from the same address with the right password."""
    settings.ENGAGE_RATE_LIMITS = {"login_failed": base_settings.ENGAGE_RATE_LIMITS["login_failed"]}
    settings.ACCOUNT_RATE_LIMITS = base_settings.ACCOUNT_RATE_LIMITS
    owner = UserFactory()
    others = [UserFactory() for _n in range(10)]
    for n in range(50):
        assert sign_in(client, f"nobody{n}@example.org", "guess").status_code == 200
    for other in others:
        for _n in range(5):
            assert sign_in(client, other.email, "guess").status_code == 200
    # Each of the other accounts is paused here, even with its right password...
    assert refused_for_too_many_attempts(sign_in(client, others[0].email, PASSWORD))
    # ...but not the owner's.
    assert signed_in(sign_in(client, owner.email, PASSWORD))


def test_over_the_address_ceiling_only_familiar_people_get_in(client, settings):
    settings.ENGAGE_RATE_LIMITS = {"login_failed": {"address": [(5, 3600)]}}
    regular, newcomer = UserFactory(), UserFactory()
    assert signed_in(sign_in(client, regular.email, PASSWORD))
    client.logout()
    for n in range(5):
        sign_in(client, f"spray{n}@example.org", "password123")
    # Spraying from this address is stopped, for new names too...
    assert refused_for_too_many_attempts(sign_in(client, "spray9@example.org", "password123"))
    assert refused_for_too_many_attempts(sign_in(client, newcomer.email, PASSWORD))
    # ...but whoever has signed in from here before still can, and elsewhere is unaffected.
    assert signed_in(sign_in(client, regular.email, PASSWORD))
    client.logout()
    assert signed_in(sign_in(client, newcomer.email, PASSWORD, address=HOME))


def test_guessing_one_account_from_many_addresses_spares_its_familiar_ones(
    client, settings, django_capture_on_commit_callbacks
):
    settings.ENGAGE_RATE_LIMITS = {"login_failed": {"user": [(3, 3600)]}}
    owner = UserFactory()
    assert signed_in(sign_in(client, owner.email, PASSWORD, address=HOME))
    client.logout()
    for n in range(3):
        sign_in(client, owner.email, "guess", address=f"192.0.2.{n}")
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, owner.email, PASSWORD, address="192.0.2.99")
    assert refused_for_too_many_attempts(response)
    assert len(mail.outbox) == 1
    assert "from several network addresses (the latest: 192.0.2.99)" in mail.outbox[0].body
    assert signed_in(sign_in(client, owner.email, PASSWORD, address=HOME))


def test_wrong_passwords_lock_the_account_only_from_that_address_and_email_the_owner(
    client, django_capture_on_commit_callbacks
):
    owner = UserFactory(preferred_language="fr")
    for _n in range(5):
        assert sign_in(client, owner.email, "wrong").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert refused_for_too_many_attempts(sign_in(client, owner.email, PASSWORD))
        assert refused_for_too_many_attempts(sign_in(client, owner.email, "wrong"))
    # One notice per lockout window, in the owner's language.
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [owner.email]
    assert notice.extra_headers["Content-Language"] == "fr"
    assert LIBRARY in notice.body
    assert "/fr/accounts/password/reset/" in notice.body
    assert "5 minutes" in notice.body
    # From home, the right password still works.
    assert signed_in(sign_in(client, owner.email, PASSWORD, address=HOME))


def test_lockout_of_an_unknown_email_sends_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for _n in range(6):
            sign_in(client, "nobody@example.org", "wrong")
        assert refused_for_too_many_attempts(sign_in(client, "nobody@example.org", "wrong"))
    assert callbacks == []
    assert mail.outbox == []


def test_a_password_reset_lifts_the_pause_on_the_account(client, settings):
    settings.ENGAGE_RATE_LIMITS = {"login_failed": {"user": [(3, 3600)]}}
    owner = UserFactory()
    for n in range(3):
        sign_in(client, owner.email, "guess", address=f"192.0.2.{n}")
    assert refused_for_too_many_attempts(sign_in(client, owner.email, PASSWORD, address=HOME))
    client.post(reverse("account_reset_password"), {"email": owner.email}, REMOTE_ADDR=HOME)
    link = re.search(r"https?://[^/\s]+(/\S+/password/reset/key/\S+/)", mail.outbox[-1].body)
    form_url = client.get(link.group(1), REMOTE_ADDR=HOME)["Location"]
    new_password = "a-new-and-long-password-42"
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password}, REMOTE_ADDR=HOME
    )
    assert response.status_code == 302
    client.logout()
    assert signed_in(sign_in(client, owner.email, new_password, address=HOME))


def test_sign_up_limit_answers_the_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    url = reverse("account_signup")
    client.post(url, {"email": "new1@example.org", "password1": "x", "password2": "x"})
    response = client.post(url, {"email": "new2@example.org", "password1": "x", "password2": "y"})
    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
