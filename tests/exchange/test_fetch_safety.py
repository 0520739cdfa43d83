"""Fetching other cities' feeds cannot be turned against this city's own network: hosts
that are or resolve to private, loopback, link-local, multicast or reserved addresses
are refused before anything is sent, redirects are not followed, and a feed may only
list packages on its own origin. The test server is on 127.0.0.1: each test says
whether private addresses are allowed."""

import pytest
from django.test import override_settings

from engage.exchange.feeds import FetchError, fetch, sync_city
from engage.exchange.models import ImportedItem
from engage.exchange.safe_http import forbidden, same_origin
from tests.exchange.test_feeds import publish_feed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space
        "0.0.0.0",  # noqa: S104 - an address to refuse, not to bind
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_private_and_reserved_addresses_are_forbidden(address):
    assert forbidden(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert not forbidden(address)


@override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=False)
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_loopback_host_is_refused_before_anything_is_sent(server, host):
    server.routes["/secret"] = (200, b"internal", 0)
    port = server.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="private, local or reserved address"):
        fetch(f"http://{host}:{port}/secret")
    assert server.hits == []


@override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=True)
def test_the_setting_allows_private_addresses(server):
    server.routes["/ok"] = (200, b"fine", 0)
    assert fetch(f"{server.base}/ok") == b"fine"


@override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=False)
def test_a_feed_on_a_private_address_is_reported_in_the_city(
    fake_kind,
    remote,
    server,
    subscription,
):
    publish_feed(server, remote, [remote.package()])
    result = sync_city(subscription)
    assert result.staged == 0 and server.hits == []
    subscription.refresh_from_db()
    assert "private, local or reserved address" in subscription.last_sync_error
    assert "Record the city's public address" in subscription.last_sync_error


@override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=True)
def test_redirects_are_not_followed(server):
    server.routes["/moved"] = (302, b"", 0)
    server.headers["/moved"] = {"Location": "/internal"}
    server.routes["/internal"] = (200, b"internal", 0)
    with pytest.raises(FetchError, match="does not follow redirects"):
        fetch(f"{server.base}/moved")
    assert server.hits == ["/moved"]


@override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=True)
def test_a_redirected_feed_is_reported(fake_kind, remote, server, subscription):
    server.routes["/exchange/feed.json"] = (301, b"", 0)
    server.headers["/exchange/feed.json"] = {"Location": "http://169.254.169.254/latest"}
    result = sync_city(subscription)
    assert "does not follow redirects" in result.errors[0]
    subscription.refresh_from_db()
    assert "169.254.169.254" in subscription.last_sync_error


@override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=True)
def test_packages_on_another_origin_are_not_fetched(
    fake_kind,
    remote,
    server,
    subscription,
):
    package = remote.package()
    publish_feed(server, remote, [package])
    # Re-sign the feed with the package listed on another host (same server, other name).
    import json

    from engage.exchange import signing
    from engage.exchange.canonical import canonical_bytes

    feed = json.loads(server.routes["/exchange/feed.json"][1])
    port = server.base.rsplit(":", 1)[1]
    feed["packages"][0]["url"] = f"http://localhost:{port}/exchange/packages/x.json"
    document = {name: value for name, value in feed.items() if name != "signature"}
    feed["signature"] = signing.sign(document, remote.key)
    server.routes["/exchange/feed.json"] = (200, canonical_bytes(feed), 0)
    result = sync_city(subscription)
    assert "outside the feed's own site" in result.errors[0]
    assert server.hits == ["/exchange/feed.json"]
    assert not ImportedItem.objects.exists()


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        ("https://a.example/p.json", "https://a.example/feed.json", True),
        ("https://a.example:443/p.json", "https://a.example/feed.json", False),
        ("http://a.example/p.json", "https://a.example/feed.json", False),
        ("https://b.example/p.json", "https://a.example/feed.json", False),
        ("https://a.example.evil/p.json", "https://a.example/feed.json", False),
        ("https://a.example:99999/p.json", "https://a.example/feed.json", False),
    ],
)
def test_same_origin(url, other, same):
    assert same_origin(url, other) is same
