"""The exchange API: the kinds are public; imported items are city staff's."""

import pytest

from engage.exchange import services
from tests import factories
from tests.exchange.conftest import FAKE

pytestmark = pytest.mark.django_db


def test_kinds_are_listed_for_everyone(client, fake_kind):
    kinds = {kind["code"]: kind for kind in client.get("/api/v1/exchange/kinds").json()}
    assert {"aggregates", "impact_templates", FAKE} <= set(kinds)
    assert kinds[FAKE]["csv_columns"] == ["key", "text"]
    assert kinds["aggregates"]["item_schema"]["required"][0] == "key"


def test_staff_list_imported_items_with_provenance(staff_client, fake_kind, remote):
    services.stage_package(remote.package_bytes(), remote.trusted)
    answer = staff_client.get("/api/v1/exchange/imports?status=pending").json()
    assert answer["count"] == 1
    (item,) = answer["items"]
    assert item["origin"] == "rotterdam" and item["provenance"]["licence"] == "CC-BY-4.0"
    assert staff_client.get("/api/v1/exchange/imports?status=accepted").json()["count"] == 0
    assert staff_client.get("/api/v1/exchange/imports?status=nonsense").status_code == 422


@pytest.mark.parametrize("who", ["anonymous", "resident", "staff_without_totp"])
def test_others_cannot_list_imported_items(client, who):
    if who == "resident":
        client.force_login(factories.UserFactory())
    elif who == "staff_without_totp":
        client.force_login(factories.city_staff())
    assert client.get("/api/v1/exchange/imports").status_code in (401, 403)
