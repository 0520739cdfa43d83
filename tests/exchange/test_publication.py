"""Who the city says it is and what its public feed holds: the city id follows the
resolved BASE_URL unless EXCHANGE_CITY_ID is set; feed links are on BASE_URL, not on the
request's host; aggregates (a grant and two-factor on the site) are never published in
the public feed nor served at a public URL."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engage.exchange import services
from engage.exchange.canonical import sha256_hex
from engage.exchange.conf import city
from engage.exchange.models import ExchangeEvent, PublishedPackage
from engage.exchange.package import build_package, package_bytes
from tests.exchange.conftest import FAKE

pytestmark = pytest.mark.django_db


def test_the_city_id_is_the_resolved_base_url(settings):
    settings.EXCHANGE_CITY_ID = ""
    settings.BASE_URL = "https://engage.leeds.example/"
    assert city()["id"] == "https://engage.leeds.example"
    assert build_package([])["city"]["id"] == "https://engage.leeds.example"


def test_an_explicit_city_id_wins(settings):
    settings.EXCHANGE_CITY_ID = "https://id.leeds.example"
    settings.BASE_URL = "https://engage.leeds.example"
    assert city()["id"] == "https://id.leeds.example"


def test_the_default_city_id_does_not_read_the_environment(monkeypatch):
    from engage.settings import exchange

    monkeypatch.delenv("EXCHANGE_CITY_ID", raising=False)
    monkeypatch.setenv("BASE_URL", "http://127.0.0.1:8000")
    try:
        assert importlib.reload(exchange).EXCHANGE_CITY_ID == ""
    finally:
        monkeypatch.undo()
        importlib.reload(exchange)


def test_feed_links_are_on_base_url_not_on_the_request_host(client, settings, fake_kind):
    settings.BASE_URL = "https://engage.leeds.example"
    (published,) = services.publish([FAKE])
    feed = client.get(reverse("exchange:feed"), HTTP_HOST="localhost").json()
    (entry,) = feed["packages"]
    assert entry["url"] == (
        f"https://engage.leeds.example/exchange/packages/{published.package_id}.json"
    )


def test_aggregates_cannot_be_published_in_the_feed(fake_kind):
    with pytest.raises(ValidationError) as raised:
        services.publish([FAKE, "aggregates"])
    assert "Export it to a file" in " ".join(raised.value.messages)
    assert not PublishedPackage.objects.exists()  # not even the other kind
    assert not ExchangeEvent.objects.filter(action=ExchangeEvent.Action.PUBLISH).exists()


def test_staff_see_why_aggregates_are_not_published(staff_client):
    answer = staff_client.post(
        reverse("exchange_admin:export"),
        {"kinds": ["aggregates"], "export_format": "json", "publish": "1"},
    )
    assert answer.status_code == 400
    assert "cannot be published in the public feed" in answer.content.decode()
    assert not PublishedPackage.objects.exists()


def test_staff_may_still_export_aggregates_to_a_file(staff_client):
    answer = staff_client.post(
        reverse("exchange_admin:export"), {"kinds": ["aggregates"], "export_format": "json"}
    )
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment;")


def test_an_aggregates_package_already_published_is_neither_listed_nor_served(client):
    package = build_package(["aggregates"])
    PublishedPackage.objects.create(
        kind="aggregates",
        package_id=package["package_id"],
        package=package,
        sha256=sha256_hex(package_bytes(package)),
        items=0,
    )
    assert client.get(reverse("exchange:feed")).json()["packages"] == []
    url = reverse("exchange:package", kwargs={"package_id": package["package_id"]})
    assert client.get(url).status_code == 404
