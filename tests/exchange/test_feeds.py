"""Subscribing to another city's feed, against a real HTTP server on a free port chosen
at run time (a thread of this process serving real signed packages): a good feed is
staged; a server that is down, slow, answers garbage, serves a tampered package or
signs with another key is refused with a reason, and nothing of it is staged. The test
server is on 127.0.0.1, so these tests allow private addresses (refusing them is tested
in test_fetch_safety.py)."""

import socket
import time

import pytest

from engage.exchange import signing
from engage.exchange.canonical import canonical_bytes, sha256_hex
from engage.exchange.feeds import FEED_FORMAT, FetchError, fetch, sync_all, sync_city
from engage.exchange.models import ImportedItem, TrustedCity
from engage.exchange.package import package_bytes

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("allow_private_addresses"),
]


def publish_feed(site, remote, packages, *, key=None, tamper=False):
    """Serve `packages` (dicts) and a feed signed by `key` (default the remote's)."""
    key = key or remote.key
    entries = []
    for package in packages:
        data = package_bytes(package)
        if tamper:
            data = data.replace(b'"Tolerance"', b'"Tolerancf"', 1)
        path = f"/exchange/packages/{package['package_id']}.json"
        site.routes[path] = (200, data, 0)
        entries.append(
            {
                "kind": next(iter(package["kinds"])),
                "package_id": package["package_id"],
                "exported_at": package["exported_at"],
                "items": 1,
                "sha256": sha256_hex(data),
                "url": path,
            }
        )
    document = {
        "format": FEED_FORMAT,
        "version": "1",
        "city": remote.identity,
        "public_key": signing.public_key_text(key.public_key()),
        "key_fingerprint": signing.fingerprint(key.public_key()),
        "updated_at": "2026-12-01T00:00:00+00:00",
        "packages": entries,
    }
    feed = {**document, "signature": signing.sign(document, key)}
    site.routes["/exchange/feed.json"] = (200, canonical_bytes(feed), 0)


def test_feed_is_fetched_verified_and_staged(fake_kind, remote, server, subscription):
    publish_feed(server, remote, [remote.package()])
    (result,) = sync_all()
    assert result.errors == [] and result.staged == 1 and result.packages == 1
    item = ImportedItem.objects.get()
    assert item.origin == subscription and item.source.startswith(server.base)
    subscription.refresh_from_db()
    assert subscription.public_key == signing.public_key_text(remote.key.public_key())
    assert subscription.last_synced_at is not None and subscription.last_sync_error == ""
    # A second sync does not fetch the package again.
    hits = len(server.hits)
    assert sync_city(subscription).unchanged == 1
    assert server.hits[hits:] == ["/exchange/feed.json"]


def test_server_that_is_down_is_reported(fake_kind, remote, subscription):
    with socket.socket() as probe:  # a port nobody listens on any more
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    subscription.feed_url = f"http://127.0.0.1:{port}/exchange/feed.json"
    subscription.save()
    result = sync_city(subscription)
    assert result.staged == 0 and "could not be reached" in result.errors[0]
    subscription.refresh_from_db()
    assert "could not be reached" in subscription.last_sync_error


def test_slow_server_times_out(fake_kind, remote, server, subscription, settings):
    settings.EXCHANGE_FETCH_TIMEOUT = 0.5
    server.routes["/exchange/feed.json"] = (200, b"{}", 2)
    started = time.monotonic()
    result = sync_city(subscription)
    assert time.monotonic() - started < 1.9
    assert "did not answer within 0.5 seconds" in result.errors[0]
    assert not ImportedItem.objects.exists()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>oops</html>", "not valid JSON"),
        (b'{"format": "rss"}', "not an Engage exchange feed"),
    ],
)
def test_garbage_is_refused(fake_kind, remote, server, subscription, body, reason):
    server.routes["/exchange/feed.json"] = (200, body, 0)
    result = sync_city(subscription)
    assert reason in result.errors[0]
    assert not ImportedItem.objects.exists()


def test_http_error_is_reported(fake_kind, remote, server, subscription):
    server.routes["/exchange/feed.json"] = (503, b"busy", 0)
    assert "HTTP status 503" in sync_city(subscription).errors[0]


def test_tampered_package_is_refused(fake_kind, remote, server, subscription):
    publish_feed(server, remote, [remote.package()], tamper=True)
    result = sync_city(subscription)
    assert result.staged == 0
    assert "does not match its content" in result.errors[0]
    assert not ImportedItem.objects.exists()


def test_package_that_is_not_the_one_the_feed_lists_is_refused(
    fake_kind, remote, server, subscription
):
    package = remote.package()
    publish_feed(server, remote, [package])
    path = f"/exchange/packages/{package['package_id']}.json"
    server.routes[path] = (200, remote.package_bytes(), 0)  # another, validly signed package
    result = sync_city(subscription)
    assert "SHA-256 differs" in result.errors[0]
    assert not ImportedItem.objects.exists()


def test_feed_signed_with_another_key_is_refused(fake_kind, remote, server, subscription):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    impostor = Ed25519PrivateKey.generate()
    publish_feed(server, remote, [remote.package()], key=impostor)
    result = sync_city(subscription)
    assert "not the sha256:" in result.errors[0]
    subscription.refresh_from_db()
    assert subscription.public_key == ""
    assert not ImportedItem.objects.exists()


def test_oversized_answers_are_refused(server):
    server.routes["/big"] = (200, b"x" * 5000, 0)
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch(f"{server.base}/big", max_bytes=1000)
    assert fetch(f"{server.base}/big", max_bytes=5000) == b"x" * 5000


def test_a_server_that_drips_its_answer_meets_the_deadline(server):
    server.routes["/drip"] = (200, b"x" * 40, 0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer within 1 seconds"):
        fetch(f"{server.base}/drip", timeout=1)
    assert time.monotonic() - started < 2


def test_only_http_addresses_are_fetched():
    with pytest.raises(FetchError):
        fetch("file:///etc/passwd")


def test_one_failing_city_does_not_stop_the_others(fake_kind, remote, server, subscription):
    publish_feed(server, remote, [remote.package()])
    TrustedCity.objects.create(
        name="Down",
        slug="down",
        city_id="https://down.example",
        fingerprint="sha256:" + "0" * 64,
        feed_url="http://127.0.0.1:9/feed.json",
        subscribed=True,
    )
    results = {result.city.slug: result for result in sync_all()}
    assert results["rotterdam"].staged == 1
    assert results["down"].errors


def test_the_task_synchronises_the_feeds(fake_kind, remote, server, subscription):
    from engage.exchange.tasks import sync_exchange_feeds

    publish_feed(server, remote, [remote.package()])
    result = sync_exchange_feeds.enqueue()
    assert result.return_value == {"rotterdam": {"staged": 1, "errors": []}}
