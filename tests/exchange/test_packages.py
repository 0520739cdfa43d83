"""Packages: the envelope follows the JSON Schema, the signature verifies, one changed
byte is detected, an unknown format version is refused with a message saying what to
do, and every staged item keeps its provenance."""

import json

import jsonschema
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from engage.exchange import signing
from engage.exchange.canonical import canonical_bytes
from engage.exchange.models import ExchangeEvent, ImportedItem, ImportStatus
from engage.exchange.package import (
    PackageError,
    build_package,
    envelope_schema,
    package_bytes,
)
from engage.exchange.services import stage_package
from tests.exchange.conftest import FAKE

pytestmark = pytest.mark.django_db


def test_exported_package_follows_the_published_schema_and_verifies(fake_kind):
    package = build_package([FAKE])
    jsonschema.validate(package, envelope_schema())
    document = {key: value for key, value in package.items() if key != "signature"}
    public_key = signing.public_key_text(signing.city_public_key())
    assert signing.verify(document, package["signature"], public_key)
    assert package["kinds"][FAKE]["items"] == fake_kind.exported
    assert package["licence"] == "CC-BY-4.0"
    assert package["provenance"]["public_key"] == public_key


def test_signature_is_over_the_canonical_serialisation(fake_kind):
    fake_kind.exported = [{"text": "Zusammenhalt – ü", "key": "cohesion"}]
    package = build_package([FAKE])
    document = {key: value for key, value in package.items() if key != "signature"}
    # Re-serialised with other whitespace and key order, it is still the same document.
    reparsed = json.loads(json.dumps(document, indent=4))
    public_key = signing.public_key_text(signing.city_public_key())
    assert signing.verify(reparsed, package["signature"], public_key)
    assert b"\xc3\xbc" in canonical_bytes(document)  # UTF-8, not \u escapes
    assert b" " not in canonical_bytes({"a": [1, 2], "b": {"c": "d"}})


def test_verified_package_is_staged_with_its_provenance(fake_kind, remote):
    package = remote.package()
    result = stage_package(package_bytes(package), remote.trusted, source="rotterdam.json")
    assert len(result.staged) == 1
    item = ImportedItem.objects.get()
    assert item.status == ImportStatus.PENDING
    assert item.payload == {"key": "tolerance", "text": "Tolerance"}
    assert item.provenance == {
        "city": "Rotterdam",
        "city_id": "https://engage.rotterdam.example",
        "package_id": package["package_id"],
        "exported_at": package["exported_at"],
        "licence": "CC-BY-4.0",
        "key_fingerprint": remote.trusted.fingerprint,
    }
    assert item.description == "Term Tolerance"
    event = ExchangeEvent.objects.get(action="import")
    assert event.city == remote.trusted and event.detail["staged"] == 1


def test_one_changed_byte_in_an_item_is_detected(fake_kind, remote):
    data = remote.package_bytes()
    assert b'"Tolerance"' in data
    tampered = data.replace(b'"Tolerance"', b'"Tolerancf"', 1)
    assert len(tampered) == len(data) and tampered != data
    with pytest.raises(PackageError) as caught:
        stage_package(tampered, remote.trusted)
    assert caught.value.code == "bad_signature"
    assert "Rotterdam" in " ".join(caught.value.messages)
    assert not ImportedItem.objects.exists()
    assert ExchangeEvent.objects.filter(action="refuse").count() == 1


def test_a_package_signed_by_another_key_is_refused(fake_kind, remote):
    impostor = Ed25519PrivateKey.generate()
    data = package_bytes(build_package([FAKE], private_key=impostor, city=remote.identity))
    with pytest.raises(PackageError) as caught:
        stage_package(data, remote.trusted)
    assert caught.value.code == "bad_signature"
    assert not ImportedItem.objects.exists()


def test_a_package_from_another_city_than_named_is_refused(fake_kind, remote):
    data = package_bytes(
        build_package(
            [FAKE], private_key=remote.key, city={"name": "Elsewhere", "id": "https://else.example"}
        )
    )
    with pytest.raises(PackageError) as caught:
        stage_package(data, remote.trusted)
    assert caught.value.code == "wrong_city"


def test_unknown_format_version_is_refused_with_what_to_do(fake_kind, remote):
    package = remote.package()
    package["version"] = "2"
    with pytest.raises(PackageError) as caught:
        stage_package(canonical_bytes(package), remote.trusted)
    message = " ".join(caught.value.messages)
    assert caught.value.code == "unknown_version"
    assert "version 2" in message and "reads version 1" in message
    assert "Ask Rotterdam to export it in version 1" in message
    assert not ImportedItem.objects.exists()


def test_envelope_that_breaks_the_schema_is_refused(fake_kind, remote):
    package = remote.package()
    del package["licence"]
    with pytest.raises(PackageError) as caught:
        stage_package(canonical_bytes(package), remote.trusted)
    assert caught.value.code == "invalid"
    assert "licence" in " ".join(caught.value.messages)


def test_item_that_breaks_its_kinds_schema_is_refused(fake_kind, remote):
    fake_kind.exported = [{"key": "tolerance"}]  # no "text"
    with pytest.raises(PackageError) as caught:
        stage_package(remote.package_bytes(), remote.trusted)
    assert caught.value.code == "bad_item"


@pytest.mark.parametrize("data", [b"", b"{not json", b"[1, 2]", b'{"format": "other"}'])
def test_files_that_are_not_packages_are_refused(remote, data):
    with pytest.raises(PackageError) as caught:
        stage_package(data, remote.trusted)
    assert caught.value.code in {"not_json", "not_a_package"}


def test_kinds_this_city_does_not_take_are_skipped(fake_kind, remote):
    package = remote.package()
    package["kinds"]["consultations"] = {"schema": {}, "items": [{"key": "c1"}]}
    document = {key: value for key, value in package.items() if key != "signature"}
    package["signature"] = signing.sign(document, remote.key)
    result = stage_package(canonical_bytes(package), remote.trusted)
    assert result.skipped == 1
    assert list(ImportedItem.objects.values_list("kind", flat=True)) == [FAKE]


def test_importing_the_same_package_twice_stages_nothing_new(fake_kind, remote):
    data = remote.package_bytes()
    stage_package(data, remote.trusted)
    again = stage_package(data, remote.trusted)
    assert again.staged == [] and again.unchanged == 1
    # A new package with the same content is also recognised as known.
    assert stage_package(remote.package_bytes(), remote.trusted).unchanged == 1
    assert ImportedItem.objects.count() == 1


def test_a_newer_version_supersedes_the_pending_one(fake_kind, remote):
    stage_package(remote.package_bytes(), remote.trusted)
    fake_kind.exported = [{"key": "tolerance", "text": "Tolerance (revised)"}]
    result = stage_package(remote.package_bytes(), remote.trusted)
    assert result.superseded == 1
    statuses = dict(ImportedItem.objects.values_list("payload__text", "status"))
    assert statuses == {"Tolerance": "superseded", "Tolerance (revised)": "pending"}
