"""Searches per network address are limited (ENGAGE_RATE_LIMITS["search"]): the page
answers the translated 429 page, the API a JSON 429, both with Retry-After; only a
valid query counts."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_searches_a_minute(settings):
    cache.clear()
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {"search": {"address": [(2, 60)]}}
    settings.ENGAGE_TRUSTED_PROXIES = []
    yield
    cache.clear()


def test_the_page_refuses_the_third_search_in_a_minute(client):
    assert client.get("/en/search/").status_code == 200  # the empty form does not count
    assert client.get("/en/search/", {"q": ""}).status_code == 200  # nor a refused query
    for _ in range(2):
        assert client.get("/en/search/", {"q": "park"}).status_code == 200
    refused = client.get("/fr/search/", {"q": "park"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "Vous avez" in refused.content.decode()  # the reason, in the reader's language


def test_the_api_shares_the_limit_and_answers_json(client):
    for _ in range(2):
        assert client.get("/api/v1/search", {"q": "park"}).status_code == 200
    refused = client.get("/api/v1/search", {"q": "park"})
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert refused.json()["detail"]
