"""GET /api/v1/insights/signals/: who may read it (staff and partners with a grant,
both with TOTP), bad input, and that it carries aggregates only."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone

from engage.insights.models import TextAnalysis
from engage.policy.models import PartnerGrant
from tests import factories
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    open_settings_fixture,
    riverside_fixture,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/insights/signals/"
VIEW = PartnerGrant.Access.VIEW_REPORTS


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def scored(riverside, settings):
    """Twelve scored texts in the consultation (above the small-cell threshold)."""
    settings.SMALL_CELL_THRESHOLD = 10
    content_type = ContentType.objects.get(app_label="consultations", model="comment")
    now = timezone.now()
    TextAnalysis.objects.bulk_create(
        TextAnalysis(
            content_type=content_type,
            object_id=700_000 + number,
            kind="comment",
            consultation=riverside.pk,
            area="E05000001",
            policy_area="transport",
            content_created_at=now,
            content_visible=True,
            analysed_at=now,
            language="en",
            sentiment=-0.5 if number % 3 == 0 else 0.4,
            abuse_flagged=False,
        )
        for number in range(12)
    )
    return f"consultation:{riverside.pk}"


def staff():
    return factories.with_totp(factories.city_staff())


def partner(*grants):
    return factories.with_totp(factories.partner_member(grants=grants))


def get(client, user, **params):
    if user is not None:
        client.force_login(user)
    return client.get(URL, params)


def test_anonymous_gets_401(client, scored):
    response = get(client, None, scope=scored)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_staff_get_the_aggregates(client, scored):
    response = get(client, staff(), scope=scored, interval="week")
    assert response.status_code == 200
    data = response.json()
    assert data["scope"] == scored and data["interval"] == "week"
    assert data["total"]["volume"] == 12
    assert data["total"]["share_negative"] == pytest.approx(4 / 12, abs=1e-4)
    assert data["total"]["suppressed"] is False
    assert len(data["periods"]) == 1
    assert set(data["total"]["abuse"]["by_category"]) == {
        "derogation",
        "dehumanisation",
        "threat",
        "slur",
        "profanity",
        "other",
    }


def test_nothing_about_a_single_text_or_person_is_returned(client, scored):
    body = json.dumps(get(client, staff(), scope=scored).json())
    for word in ("object_id", "author", "user", "content_type", "text_hash", '"id"'):
        assert word not in body


def test_partner_with_a_grant_sees_that_scope_only(client, scored, consultation_index):
    other = factories.build_consultation(consultation_index, title="Elsewhere", slug="elsewhere")
    person = partner((scored, VIEW))
    assert get(client, person, scope=scored).status_code == 200
    assert get(client, person, scope=f"consultation:{other.pk}").status_code == 403
    assert get(client, person, scope="city").status_code == 403
    # A policy area is not a scope grants name: it needs a city grant.
    assert get(client, person, scope="policy_area:transport").status_code == 403


def test_partner_with_a_city_grant_sees_policy_areas(client, scored):
    person = partner(("city", PartnerGrant.Access.EXPORT))
    response = get(client, person, scope="policy_area:transport")
    assert response.status_code == 200
    assert response.json()["total"]["volume"] == 12


@pytest.mark.parametrize(
    "make",
    [
        factories.UserFactory,
        lambda: factories.leader(factories.community_group()),
        lambda: factories.with_totp(factories.moderator()),
        lambda: factories.with_totp(factories.partner_member()),
        factories.city_staff,  # no TOTP
    ],
    ids=["resident", "leader", "moderator", "partner-without-grant", "staff-without-totp"],
)
def test_everyone_else_gets_403(client, scored, make):
    response = get(client, make(), scope=scored)
    assert response.status_code == 403
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"scope": "galaxy:1"}, 400, "is not a scope"),
        ({"scope": "consultation:abc"}, 400, "must be a number"),
        ({"scope": "policy_area:"}, 400, "policy_area"),
        ({"scope": "city", "interval": "month"}, 400, "Use week or day"),
        ({"scope": "city", "since": "yesterday"}, 400, "YYYY-MM-DD"),
        ({"scope": "city", "since": "2026-03-02", "until": "2026-03-01"}, 400, "before"),
        ({"scope": "consultation:999999"}, 404, "There is no consultation:999999"),
        ({"scope": "area:NOWHERE"}, 404, "There is no area:NOWHERE"),
        ({"scope": "policy_area:nothing"}, 404, "There is no policy_area:nothing"),
    ],
)
def test_bad_input_is_explained(client, db, params, status, words):
    response = get(client, staff(), **params)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_missing_scope_is_a_validation_error(client, db):
    assert get(client, staff()).status_code == 422


def test_day_interval_and_range(client, scored):
    today = timezone.localdate()
    response = get(client, staff(), scope="city", interval="day", since=today.isoformat())
    assert response.status_code == 200
    data = response.json()
    assert [period["start"] for period in data["periods"]] == [today.isoformat()]
    assert data["since"] == today.isoformat()


def test_small_cells_are_suppressed_in_the_api(client, scored, settings):
    settings.SMALL_CELL_THRESHOLD = 50
    total = get(client, staff(), scope=scored).json()["total"]
    assert total["suppressed"] is True and total["mean_sentiment"] is None
    assert total["volume"] == 12


def test_operation_is_in_the_openapi_document(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/insights/signals/"]["get"]
    assert {"200", "400", "401", "403", "404"} <= set(operation["responses"])
