"""The Content-Security-Policy header: strict on the site, a nonce-based one for the
Wagtail admin, the site's own WebSocket origin in connect-src, no CDN for the API docs."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def directives(response):
    header = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_site_pages_forbid_inline_script_and_style(client, home_page):
    policy = directives(client.get("/en/"))
    assert policy["script-src"] == ["'self'", "'report-sample'"]
    assert policy["style-src"] == ["'self'", "'report-sample'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-report/"]
    assert "'unsafe-inline'" not in " ".join(sum(policy.values(), []))
    assert "'unsafe-eval'" not in " ".join(sum(policy.values(), []))


def test_connect_src_allows_the_own_websocket_origin_only(client, home_page):
    policy = directives(client.get("/en/", HTTP_HOST="localhost"))
    assert policy["connect-src"] == ["'self'", "ws://localhost", "wss://localhost"]


def test_secure_requests_allow_only_wss(client, home_page):
    policy = directives(client.get("/en/", HTTP_HOST="localhost", secure=True))
    assert policy["connect-src"] == ["'self'", "wss://localhost"]


def test_error_pages_carry_the_policy_too(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'", "'report-sample'"]


@override_settings(MEDIA_URL="https://cdn.example.net/media/")
def test_an_absolute_media_url_is_allowed_for_images_only_where_the_policy_has_them(
    client, home_page
):
    policy = directives(client.get("/en/"))
    assert "https://cdn.example.net" in policy["img-src"]
    assert "https://cdn.example.net" not in policy["connect-src"]
    assert "child-src" not in policy


def test_admin_allows_no_inline_script(client, admin_user, settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = [admin_user.email]
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    # Draftail's runtime <style> elements: styles only.
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    if nonces:
        # Every inline script in the page carries the header's nonce.
        nonce = nonces[0][len("'nonce-") : -1]
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>\s*[^<\s]", html):
            assert f'nonce="{nonce}"' in tag, tag


def test_api_docs_load_swagger_ui_from_our_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert directives(response)["script-src"] == ["'self'", "'report-sample'"]
