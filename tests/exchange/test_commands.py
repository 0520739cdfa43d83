"""export_exchange, import_exchange and the production settings check."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from engage.exchange import signing
from engage.exchange.conf import city
from engage.exchange.models import ImportedItem, TrustedCity
from engage.settings.exchange import production_exchange_settings, valid_signing_key
from tests.exchange.conftest import FAKE

pytestmark = pytest.mark.django_db


@pytest.fixture
def ourselves(db):
    """This city, trusted by itself: what another city would record about it."""
    key = signing.city_public_key()
    return TrustedCity.objects.create(
        name="Home",
        slug="home",
        city_id=city()["id"],
        fingerprint=signing.fingerprint(key),
        public_key=signing.public_key_text(key),
    )


def test_export_then_import_stages_the_items(tmp_path, fake_kind, ourselves, capsys):
    target = tmp_path / "package.json"
    call_command("export_exchange", "--what", FAKE, "--to", str(target))
    package = json.loads(target.read_bytes())
    assert package["kinds"][FAKE]["items"] == fake_kind.exported
    call_command("import_exchange", str(target), "--from", "home")
    assert "1 item(s) staged for review" in capsys.readouterr().out
    item = ImportedItem.objects.get()
    assert item.provenance["package_id"] == package["package_id"]


def test_export_as_csv_writes_a_zip(tmp_path, fake_kind):
    target = tmp_path / "package.zip"
    call_command("export_exchange", "--what", FAKE, "--to", str(target), "--format", "csv")
    assert target.read_bytes()[:2] == b"PK"


def test_export_of_an_unknown_kind_says_which_exist(tmp_path, fake_kind):
    with pytest.raises(CommandError, match="Choose from: .*aggregates"):
        call_command("export_exchange", "--what", "consultations", "--to", str(tmp_path / "x"))


def test_import_from_an_unknown_city_says_what_to_do(tmp_path):
    target = tmp_path / "p.json"
    target.write_text("{}")
    with pytest.raises(CommandError, match="Add it in the admin"):
        call_command("import_exchange", str(target), "--from", "atlantis")


def test_import_of_an_unknown_version_fails_with_the_message(tmp_path, fake_kind, ourselves):
    target = tmp_path / "package.json"
    call_command("export_exchange", "--what", FAKE, "--to", str(target))
    package = json.loads(target.read_bytes())
    package["version"] = "7"
    target.write_text(json.dumps(package))
    with pytest.raises(CommandError, match="version 7 of the exchange format"):
        call_command("import_exchange", str(target), "--from", "home")
    assert not ImportedItem.objects.exists()


def test_new_key_prints_a_valid_key(capsys):
    call_command("export_exchange", "--new-key")
    assert valid_signing_key(capsys.readouterr().out.strip())


def test_production_stops_when_exporting_without_a_valid_key(monkeypatch):
    monkeypatch.setenv("EXCHANGE_EXPORT_ENABLED", "1")
    monkeypatch.delenv("EXCHANGE_SIGNING_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="EXCHANGE_SIGNING_KEY is not set"):
        production_exchange_settings()
    monkeypatch.setenv("EXCHANGE_SIGNING_KEY", "bm90IGEga2V5")
    with pytest.raises(ImproperlyConfigured, match="not a valid Ed25519 private key"):
        production_exchange_settings()
    monkeypatch.setenv("EXCHANGE_SIGNING_KEY", signing.new_private_key_text())
    assert production_exchange_settings()["EXCHANGE_EXPORT_ENABLED"] is True


def test_production_without_exporting_needs_no_key(monkeypatch):
    monkeypatch.delenv("EXCHANGE_EXPORT_ENABLED", raising=False)
    monkeypatch.delenv("EXCHANGE_SIGNING_KEY", raising=False)
    assert production_exchange_settings() == {
        "EXCHANGE_EXPORT_ENABLED": False,
        "EXCHANGE_SIGNING_KEY": "",
        "EXCHANGE_KEY_FROM_SECRET": False,
    }


def test_a_configured_pem_key_signs(settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    settings.EXCHANGE_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    assert signing.fingerprint(signing.city_public_key()) == signing.fingerprint(key.public_key())


def test_without_a_key_or_derivation_exporting_stops(settings, fake_kind, tmp_path):
    settings.EXCHANGE_SIGNING_KEY = ""
    settings.EXCHANGE_KEY_FROM_SECRET = False
    with pytest.raises(ImproperlyConfigured):
        call_command("export_exchange", "--what", FAKE, "--to", str(tmp_path / "p.json"))
