"""allauth's limits (sign-in, password reset) answer the 429 page, never 500, and
failed sign-ins are limited per account and address: nobody can lock someone else out
by guessing from the same address, and the owner hears about a lockout by email."""

from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from engage.accounts import lockout
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
    """100 failures from one address, for unknown addresses and for other people's
    accounts (each pushed to its own lockout), then the owner signs in from the same
    address with the right password: it works, at most after the short slowdown."""
    settings.ENGAGE_RATE_LIMITS = {"login_failed": {"address": [(30, 60), (300, 3600)]}}
    settings.ENGAGE_LOGIN_SLOWDOWN_SECONDS = 0.01
    owner = UserFactory()
    others = [UserFactory() for _n in range(10)]
    waits = []
    with mock.patch.object(lockout.time, "sleep", side_effect=waits.append):
        for n in range(50):
            response = sign_in(client, f"nobody{n}@example.org", "guess")
            assert response.status_code == 200
        for other in others:
            for _n in range(5):
                assert sign_in(client, other.email, "guess").status_code == 200
        # The address is over its ceiling, and each other account is locked here.
        assert refused_for_too_many_attempts(sign_in(client, others[0].email, PASSWORD))
        response = sign_in(client, owner.email, PASSWORD)
    assert signed_in(response)
    # Slowed down (above the ceiling of 30), never refused.
    # (At most 100 - 30 failures plus the two last attempts; fewer if a minute began
    # during the run, but 100 failures always put one minute over the ceiling.)
    assert set(waits) == {0.01}
    assert 0 < len(waits) <= 100 - 30 + 2


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
