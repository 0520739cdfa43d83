"""Fixtures of the exchange tests: another city (its own key pair and id) trusted by
this one, a fake kind registered for the test (registry behaviour), staff, and a real
HTTP server on 127.0.0.1 serving feeds (`server`, `subscription`)."""

import http.server
import threading
import time
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ValidationError
from django.test import override_settings

from engage.exchange import signing
from engage.exchange.models import TrustedCity
from engage.exchange.package import build_package, package_bytes
from engage.exchange.registry import ExchangeKind, register_kind, unregister_kind
from tests import factories

FAKE = "fake_terms"


@dataclass
class LocalThing:
    """What the fake kind creates locally (a stand-in for a glossary term)."""

    key: str
    text: str
    origin: str = ""

    def __str__(self):
        return f"local {self.key}"


class FakeKind:
    """A kind whose items live in a dict: exports `exported`, applies into `local`."""

    def __init__(self):
        self.exported = [{"key": "tolerance", "text": "Tolerance"}]
        self.local = {}
        self.applied = []
        self.replaced = []

    def export(self, options):
        return list(self.exported)

    def find_local(self, item):
        return self.local.get(item["key"])

    def apply(self, item, provenance):
        if item["key"] in self.local:
            raise ValidationError("collision")  # never reached: the service asks first
        self.local[item["key"]] = LocalThing(item["key"], item["text"], provenance.city)
        self.applied.append((item, provenance))
        return self.local[item["key"]]

    def replace(self, item, provenance, local):
        self.replaced.append((item, provenance, local))
        self.local[item["key"]] = LocalThing(item["key"], item["text"], provenance.city)
        return self.local[item["key"]]

    def kind(self, *, replaceable=False):
        return ExchangeKind(
            code=FAKE,
            label="Fake terms",
            schema={
                "type": "object",
                "required": ["key", "text"],
                "properties": {"key": {"type": "string"}, "text": {"type": "string"}},
            },
            export=self.export,
            describe=lambda item: f"Term {item['text']}",
            find_local=self.find_local,
            apply=self.apply,
            csv_columns=("key", "text"),
            replace=self.replace if replaceable else None,
        )


@pytest.fixture
def fake_kind():
    fake = FakeKind()
    register_kind(fake.kind())
    yield fake
    unregister_kind(FAKE)


@dataclass
class RemoteCity:
    """Another Engage: its identity, its private key, and the record of it here."""

    name: str
    city_id: str
    key: Ed25519PrivateKey
    trusted: TrustedCity = None

    @property
    def identity(self):
        return {"name": self.name, "id": self.city_id}

    def package(self, codes=(FAKE,), **kwargs):
        return build_package(list(codes), private_key=self.key, city=self.identity, **kwargs)

    def package_bytes(self, codes=(FAKE,), **kwargs):
        return package_bytes(self.package(codes, **kwargs))


@pytest.fixture
def remote(db):
    key = Ed25519PrivateKey.generate()
    city = RemoteCity("Rotterdam", "https://engage.rotterdam.example", key)
    city.trusted = TrustedCity.objects.create(
        name=city.name,
        slug="rotterdam",
        city_id=city.city_id,
        fingerprint=signing.fingerprint(key.public_key()),
        public_key=signing.public_key_text(key.public_key()),
    )
    return city


@pytest.fixture
def staff(db):
    return factories.with_totp(factories.city_staff())


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def allow_private_addresses():
    """Fetching from the test's own server on 127.0.0.1."""
    with override_settings(EXCHANGE_ALLOW_PRIVATE_ADDRESSES=True):
        yield


class Site:
    """What the test server answers: {path: (status, body, delay in seconds)}, with
    extra headers per path in `headers`."""

    def __init__(self):
        self.routes = {}
        self.headers = {}
        self.hits = []

    def handler(self):
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits.append(self.path)
                status, body, delay = site.routes.get(self.path, (404, b"not found", 0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in site.headers.get(self.path, {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    if self.path.startswith("/drip"):
                        for byte in body:  # one byte at a time, each well within the timeout
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(0.1)
                    else:
                        self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (the slow server's test)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def server():
    site = Site()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield site
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def subscription(remote, server):
    city = remote.trusted
    city.feed_url = f"{server.base}/exchange/feed.json"
    city.subscribed = True
    city.public_key = ""  # taken from the feed, checked against the fingerprint
    city.save()
    return city
