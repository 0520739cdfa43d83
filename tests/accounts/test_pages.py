"""allauth pages render in the site's shell: one <h1>, in every language, RTL for Arabic."""

import re

import pytest

from tests.factories import UserFactory

PUBLIC_PAGES = [
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/confirm-email/",
    "accounts/confirm-email/not-a-key/",
    "accounts/password/reset/key/1-not-a-key/",
]
SIGNED_IN_PAGES = [
    "accounts/profile/",
    "accounts/email/",
    "accounts/password/change/",
    "accounts/logout/",
    "accounts/2fa/",
]


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_account_pages_have_one_h1(client, language, path):
    response = client.get(f"/{language}/{path}", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1, html
    assert f'lang="{language}"' in html
    assert 'id="main-content"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_account_pages_have_one_h1_and_settings_nav(client, language, path):
    client.force_login(UserFactory())
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1, html
    assert 'class="settings-nav"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_reauthenticate_page_has_one_h1(client, language):
    client.force_login(UserFactory())
    html = client.get(f"/{language}/accounts/reauthenticate/").content.decode()
    assert h1_count(html) == 1


@pytest.mark.django_db
def test_arabic_login_is_right_to_left(client):
    html = client.get("/ar/accounts/login/").content.decode()
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html


@pytest.mark.django_db
def test_login_fields_are_labelled(client):
    html = client.get("/en/accounts/login/").content.decode()
    for field in ("id_login", "id_password"):
        assert f'<label for="{field}">' in html
    assert "novalidate" in html
