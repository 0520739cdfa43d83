"""GET /api/v1/representation/: access matrix, bad input, suppression."""

import json

import pytest

from engage.policy.models import PartnerGrant
from tests import factories

from .conftest import SMALL

pytestmark = pytest.mark.django_db

URL = "/api/v1/representation/"


def scope_of(consultation):
    return f"consultation:{consultation.pk}"


def test_anonymous_gets_401(client, report_setup):
    response = client.get(URL, {"scope": scope_of(report_setup)})
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "make",
    [factories.UserFactory, lambda: factories.leader(factories.community_group())],
    ids=["resident", "leader"],
)
def test_residents_and_leaders_get_403(client, report_setup, make):
    client.force_login(make())
    assert client.get(URL, {"scope": scope_of(report_setup)}).status_code == 403


def test_staff_get_the_suppressed_report(client, staff, report_setup):
    client.force_login(staff)
    response = client.get(URL, {"scope": scope_of(report_setup)})

    assert response.status_code == 200
    data = response.json()
    rows = {row["category"]: row for row in data["dimensions"][0]["rows"]}
    assert rows["b"]["participants"] == {"count": None, "label": "fewer than 10"}
    assert rows["b"]["share"] is None
    assert rows["a"]["participants"]["count"] == 60
    assert rows["b"]["flag"] == "under"
    assert f'"count": {SMALL}' not in json.dumps(data)
    assert isinstance(data["findings"], list)


def test_dimension_and_baseline_parameters(client, staff, report_setup, city):
    client.force_login(staff)
    ok = client.get(
        URL, {"scope": scope_of(report_setup), "baseline": "CITY1", "dimension": "ethnicity"}
    )
    assert ok.status_code == 200
    assert ok.json()["baseline"]["area_code"] == "CITY1"
    assert (
        client.get(URL, {"scope": scope_of(report_setup), "dimension": "nope"}).status_code == 404
    )


def test_partner_grant_covers_its_scope_only(client, report_setup):
    partner = factories.with_totp(
        factories.partner_member(
            grants=[(scope_of(report_setup), PartnerGrant.Access.VIEW_REPORTS)]
        )
    )
    client.force_login(partner)
    response = client.get(URL, {"scope": scope_of(report_setup)})
    assert response.status_code == 200
    rows = {row["category"]: row for row in response.json()["dimensions"][0]["rows"]}
    assert rows["a"]["participants"]["count"] == 60
    assert rows["b"]["participants"] == {"count": None, "label": "fewer than 10"}
    assert client.get(URL, {"scope": "city"}).status_code == 403


def test_bad_scope_is_400_with_the_parse_message(client, staff):
    client.force_login(staff)
    response = client.get(URL, {"scope": "planet:mars"})
    assert response.status_code == 400
    assert "is not a scope" in response.json()["detail"]
    response = client.get(URL, {"scope": "consultation:abc"})
    assert response.status_code == 400
    assert "must be a number" in response.json()["detail"]


def test_missing_scope_is_a_validation_error(client, staff):
    client.force_login(staff)
    assert client.get(URL).status_code == 422


def test_unknown_scope_or_area_is_404(client, staff, report_setup):
    client.force_login(staff)
    response = client.get(URL, {"scope": "consultation:999999"})
    assert response.status_code == 404
    assert "There is no consultation:999999" in response.json()["detail"]
    response = client.get(URL, {"scope": "area:NOWHERE"})
    assert response.status_code == 404
    response = client.get(URL, {"scope": scope_of(report_setup), "baseline": "NOWHERE"})
    assert response.status_code == 404
    assert "NOWHERE" in response.json()["detail"]


def test_api_findings_never_name_leaders(client, staff, report_setup):
    leader = factories.leader(factories.community_group(), display_name="Named Leader")
    factories.ParticipationFactory(
        user=leader, scope_type="consultation", scope_id=str(report_setup.pk)
    )
    client.force_login(staff)
    data = client.get(URL, {"scope": scope_of(report_setup)}).json()
    assert [f["check"] for f in data["findings"]] == ["sole_voice"]
    assert "Named Leader" not in json.dumps(data)


def test_query_count_does_not_grow_with_participants(client, staff, report_setup, city):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engage.communities.scopes import Scope

    client.force_login(staff)
    params = {"scope": scope_of(report_setup)}

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        return len(captured)

    before = queries()
    city.people(Scope("consultation", str(report_setup.pk)), "ethnicity", {"a": 100, "b": 100})
    assert queries() == before
