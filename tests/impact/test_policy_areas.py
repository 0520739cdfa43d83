"""The policy-area pages: what belongs to an area (the related-items registry filled
by consultations, co-design sessions, opinion maps and alerts), its weight and
evidence, its matrix row and its assessments; staff only; a constant query count."""

import datetime

import pytest
from django.urls import reverse

from engage.impact.related import RelatedItem, register_related, related_items, unregister_related
from engage.monitoring.alerts.models import Alert, AlertRule
from engage.policy.models import PolicyArea
from tests.factories import (
    CoDesignSessionFactory,
    PartnerOrganisationFactory,
    UserFactory,
    build_consultation,
    city_staff,
    partner_member,
    with_totp,
)
from tests.factories.opinions import OpinionMapFactory
from tests.impact.matrix_fixtures import assessment, city

pytestmark = pytest.mark.django_db


def _alert(rule, scope, week, policy_areas=()):
    return Alert.objects.create(
        rule=rule,
        scope=scope,
        period=week,
        evidence={},
        explanation="x",
        policy_areas=list(policy_areas),
    )


@pytest.fixture
def rule():
    return AlertRule.objects.create(name="Negativity rising", kind="negativity", explanation="x")


@pytest.fixture
def housing(consultation_index, rule):
    areas, _dimension, groups = city()
    area = areas["housing"]
    area.risk_rationale = "Rents rose fastest where newcomers settled."
    area.risk_evidence = "Housing survey 2025 | https://example.org/survey\nCouncil minutes, May"
    area.lead_officer = city_staff(display_name="Lead Officer")
    area.save()
    area.partners.add(PartnerOrganisationFactory(name="Northbridge Housing Trust"))
    page = build_consultation(consultation_index, title="Rent caps", policy_area=area)
    other = build_consultation(consultation_index, title="Parks hours", policy_area=areas["parks"])
    CoDesignSessionFactory(consultation=page, title="Framing rent caps")
    CoDesignSessionFactory(consultation=other, title="Framing parks")
    OpinionMapFactory(scope=f"consultation:{page.pk}", title="Rent caps map")
    OpinionMapFactory(scope=f"consultation:{other.pk}", title="Parks map")
    monday = datetime.date(2026, 11, 2)
    _alert(rule, "area:N01", monday, policy_areas=["housing"])
    _alert(rule, f"consultation:{page.pk}", monday + datetime.timedelta(days=7))
    _alert(rule, "area:N02", monday, policy_areas=["parks"])
    made = assessment(area, {groups["young"]: -2, groups["older"]: None})
    made.title = "Rent caps assessment"
    made.save()
    return area, page, groups


def _by_kind(area):
    return {group.kind: [item.title for item in group.items] for group in related_items(area)}


def test_an_area_lists_its_consultations_sessions_maps_and_alerts_only(housing):
    area, page, _groups = housing
    found = _by_kind(area)
    assert found["consultation"] == ["Rent caps"]
    assert found["session"] == ["Framing rent caps"]
    assert found["opinion_map"] == ["Rent caps map"]
    assert len(found["alert"]) == 2  # named by the area, and on its consultation
    assert all("area:N02" not in title for title in found["alert"])
    assert list(found)[:2] == ["consultation", "session"]


def test_an_area_with_nothing_filed_under_it_lists_nothing(housing):
    found = _by_kind(PolicyArea.objects.get(slug="policing"))
    assert all(items == [] for items in found.values())


def test_a_registered_provider_adds_its_kind_and_sees_the_scopes(housing):
    area, page, _groups = housing
    seen = {}

    def provider(policy_area, scopes):
        seen["scopes"] = scopes
        return [RelatedItem(title="Extra", scope="x:1")]

    register_related("extra", "Extras", provider, by_scope=True, order=99)
    try:
        assert _by_kind(area)["extra"] == ["Extra"]
    finally:
        unregister_related("extra")
    assert f"consultation:{page.pk}" in seen["scopes"]
    assert "extra" not in _by_kind(area)


def test_staff_see_weight_evidence_people_related_items_matrix_row_and_assessments(client, housing):
    area, _page, _groups = housing
    client.force_login(with_totp(city_staff()))
    response = client.get(reverse("impact:policy_areas:detail", args=[area.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "4/5",
        "Rents rose fastest",
        'href="https://example.org/survey"',
        "Council minutes, May",
        "Lead Officer",
        "Northbridge Housing Trust",
        "Rent caps",
        "Framing rent caps",
        "Rent caps map",
        "Negativity rising",
        "Rent caps assessment",
        "64.0",  # the young adults' cell: 100 × 4/5 × 0.8 (expected −2, no signals)
    ):
        assert text in html, text
    assert "Parks hours" not in html and "Parks map" not in html
    assert html.count("<h1") == 1


def test_the_list_links_every_area_and_the_matrix_links_to_them(client, housing):
    client.force_login(with_totp(city_staff()))
    listing = client.get(reverse("impact:policy_areas:index")).content.decode()
    for slug in ("housing", "parks", "policing"):
        assert reverse("impact:policy_areas:detail", args=[slug]) in listing
    assert "not assessed yet" in listing  # policing has no weight
    matrix = client.get(reverse("impact:matrix:index")).content.decode()
    assert reverse("impact:policy_areas:detail", args=["housing"]) in matrix


def test_the_area_page_reads_a_constant_number_of_queries(
    client, housing, consultation_index, rule, django_assert_max_num_queries
):
    area, _page, groups = housing
    client.force_login(with_totp(city_staff()))
    url = reverse("impact:policy_areas:detail", args=[area.slug])
    client.get(url)  # warm per-request and site caches
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(6):
        page = build_consultation(consultation_index, title=f"More {n}", policy_area=area)
        CoDesignSessionFactory(consultation=page)
        OpinionMapFactory(scope=f"consultation:{page.pk}")
        _alert(rule, f"consultation:{page.pk}", datetime.date(2026, 11, 2))
        assessment(area, {groups["young"]: -1})
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count("More 5") >= 1


@pytest.mark.parametrize(
    "who",
    [
        lambda: UserFactory(),
        lambda: city_staff(),  # no two-factor authentication
        lambda: with_totp(partner_member(grants=[("city", "export")])),
    ],
)
def test_only_staff_with_two_factor_open_the_policy_area_pages(client, housing, who):
    client.force_login(who())
    for url in (
        reverse("impact:policy_areas:index"),
        reverse("impact:policy_areas:detail", args=["housing"]),
    ):
        assert client.get(url).status_code == 403
    matrix = client.get(reverse("impact:matrix:index"))
    assert reverse("impact:policy_areas:index") not in matrix.content.decode()


def test_visitors_are_sent_to_log_in_and_unknown_areas_are_404(client, housing):
    url = reverse("impact:policy_areas:index")
    assert client.get(url).status_code == 302
    client.force_login(with_totp(city_staff()))
    assert client.get(reverse("impact:policy_areas:detail", args=["nope"])).status_code == 404
    bad = client.get(reverse("impact:policy_areas:detail", args=["housing"]), {"since": "x"})
    assert bad.status_code == 400
