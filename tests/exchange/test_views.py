"""What the city publishes (public key, feed, packages, schema) and the admin pages
(export, publish, withdraw, upload, review), with their permissions."""

import json

import pytest
from django.urls import reverse

from engage.exchange import services, signing
from engage.exchange.canonical import sha256_hex
from engage.exchange.models import ExchangeEvent, ImportedItem, ImportStatus, PublishedPackage
from engage.policy.models import ExportRecord
from tests import factories
from tests.exchange.conftest import FAKE

pytestmark = pytest.mark.django_db


def test_public_key_is_published(client):
    answer = client.get(reverse("exchange:public_key")).json()
    key = signing.city_public_key()
    assert answer["public_key"] == signing.public_key_text(key)
    assert answer["key_fingerprint"] == signing.fingerprint(key)


def test_nothing_is_published_by_default(client):
    feed = client.get(reverse("exchange:feed")).json()
    assert feed["packages"] == []
    assert feed["key_fingerprint"] == signing.fingerprint(signing.city_public_key())


def test_published_package_is_in_the_feed_and_served_byte_for_byte(client, fake_kind, staff):
    (published,) = services.publish([FAKE], user=staff)
    feed = client.get(reverse("exchange:feed")).json()
    (entry,) = feed["packages"]
    assert entry["package_id"] == published.package_id and entry["kind"] == FAKE
    body = client.get(entry["url"]).content
    assert sha256_hex(body) == entry["sha256"]
    document = {key: value for key, value in feed.items() if key != "signature"}
    assert signing.verify(document, feed["signature"], feed["public_key"])
    # Publishing again lists only the newest; withdrawing takes it out and stops serving it.
    (newer,) = services.publish([FAKE], user=staff)
    assert [e["package_id"] for e in client.get(reverse("exchange:feed")).json()["packages"]] == [
        newer.package_id
    ]
    services.withdraw(newer, user=staff)
    assert client.get(reverse("exchange:package", args=[newer.package_id])).status_code == 404


def test_publishing_is_off_when_exporting_is_disabled(client, settings, fake_kind):
    settings.EXCHANGE_EXPORT_ENABLED = False
    assert client.get(reverse("exchange:feed")).status_code == 404
    # 404 (LocaleMiddleware may send a 404 outside /api/ on to /en/…: never the key).
    answer = client.get(reverse("exchange:public_key"))
    assert answer.status_code in (302, 404) and b"public_key" not in answer.content


def test_schema_is_served(client):
    schema = client.get(reverse("exchange:schema", args=["1"])).json()
    assert schema["properties"]["format"] == {"const": "engage-exchange"}
    assert client.get(reverse("exchange:schema", args=["9"])).status_code == 404


def test_staff_download_a_signed_package_and_it_is_audited(staff_client, staff, fake_kind):
    answer = staff_client.post(
        reverse("exchange_admin:export"),
        {"kinds": [FAKE], "export_format": "json", "download": "1"},
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    package = json.loads(answer.content)
    assert package["kinds"][FAKE]["items"] == fake_kind.exported
    assert ExportRecord.objects.filter(user=staff, kind="exchange_package").exists()
    assert ExchangeEvent.objects.filter(action="export", user=staff).exists()


def test_staff_download_the_csv_form(staff_client, fake_kind):
    import io
    import zipfile

    answer = staff_client.post(
        reverse("exchange_admin:export"), {"kinds": [FAKE], "export_format": "csv", "download": "1"}
    )
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert sorted(archive.namelist()) == [f"{FAKE}.csv", "manifest.json", "manifest.sig"]
    manifest = json.loads(archive.read("manifest.json"))
    csv_bytes = archive.read(f"{FAKE}.csv")
    assert csv_bytes.decode().splitlines() == ["key,text", "tolerance,Tolerance"]
    assert manifest["kinds"][FAKE]["sha256"] == sha256_hex(csv_bytes)
    signature = {
        "algorithm": "Ed25519",
        "value": archive.read("manifest.sig").decode().strip(),
    }
    public_key = signing.public_key_text(signing.city_public_key())
    assert signing.verify(manifest, signature, public_key)
    manifest["licence"] = "proprietary"
    assert not signing.verify(manifest, signature, public_key)


def test_staff_publish_from_the_export_page(staff_client, fake_kind):
    answer = staff_client.post(
        reverse("exchange_admin:export"), {"kinds": [FAKE], "export_format": "json", "publish": "1"}
    )
    assert answer.status_code == 302
    assert PublishedPackage.objects.filter(kind=FAKE).count() == 1


def test_export_without_a_kind_shows_the_error(staff_client, fake_kind):
    answer = staff_client.post(reverse("exchange_admin:export"), {"export_format": "json"})
    assert answer.status_code == 400
    assert b'aria-invalid="true"' in answer.content


def test_staff_upload_and_accept_an_item(staff_client, fake_kind, remote):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("rotterdam.json", remote.package_bytes())
    answer = staff_client.post(
        reverse("exchange_admin:imports"), {"city": remote.trusted.pk, "package": upload}
    )
    assert answer.status_code == 302
    item = ImportedItem.objects.get()
    page = staff_client.get(reverse("exchange_admin:item", args=[item.pk]))
    assert b"Rotterdam" in page.content and b"CC-BY-4.0" in page.content
    answer = staff_client.post(
        reverse("exchange_admin:item", args=[item.pk]), {"decision": "accept", "note": ""}
    )
    assert answer.status_code == 302
    item.refresh_from_db()
    assert item.status == ImportStatus.ACCEPTED


def test_upload_of_a_tampered_package_shows_why(staff_client, fake_kind, remote):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = remote.package_bytes().replace(b'"Tolerance"', b'"Tolerancf"', 1)
    answer = staff_client.post(
        reverse("exchange_admin:imports"),
        {"city": remote.trusted.pk, "package": SimpleUploadedFile("p.json", data)},
    )
    assert answer.status_code == 400
    assert b"does not match its content" in answer.content
    assert not ImportedItem.objects.exists()


def test_review_queue_lists_pending_items(staff_client, fake_kind, remote):
    services.stage_package(remote.package_bytes(), remote.trusted)
    page = staff_client.get(reverse("exchange_admin:imports"))
    assert b"Term Tolerance" in page.content


@pytest.mark.parametrize("who", ["resident", "moderator", "staff_without_totp"])
def test_others_cannot_use_the_exchange_admin(client, who, fake_kind):
    user = {
        "resident": factories.UserFactory,
        "moderator": lambda: factories.with_totp(factories.moderator()),
        "staff_without_totp": factories.city_staff,
    }[who]()
    client.force_login(user)
    answer = client.post(
        reverse("exchange_admin:export"),
        {"kinds": [FAKE], "export_format": "json", "download": "1"},
    )
    assert answer.status_code in (302, 403)
    assert not ExchangeEvent.objects.exists()


def test_staff_add_a_trusted_city_and_a_wrong_fingerprint_is_refused(staff_client):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from engage.exchange.models import TrustedCity

    key = Ed25519PrivateKey.generate().public_key()
    data = {
        "name": "Ghent",
        "slug": "ghent",
        "city_id": "https://engage.ghent.example/",
        "fingerprint": "sha256:" + "ab" * 32,
        "public_key": signing.public_key_text(key),
        "feed_url": "",
    }
    answer = staff_client.post(reverse("exchange_cities:add"), data)
    assert answer.status_code == 200 and b"fingerprint is sha256:" in answer.content
    assert not TrustedCity.objects.exists()
    data["fingerprint"] = signing.fingerprint(key).upper().replace("SHA256:", "")
    answer = staff_client.post(reverse("exchange_cities:add"), data)
    assert answer.status_code == 302
    city = TrustedCity.objects.get()
    assert city.fingerprint == signing.fingerprint(key)
    assert city.city_id == "https://engage.ghent.example"
