"""Who may open tension assessments: a matrix of identities × pages, the forms without
JavaScript, and that a revision through the page adds a version."""

import pytest
from django.urls import reverse
from django.utils import translation

from engage.monitoring.tension.models import Assessment
from tests.factories.accounts import UserFactory, city_staff, with_totp
from tests.factories.policy import partner_member

from .conftest import VIEW, assess

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"monitoring_tension:{name}", kwargs=kwargs)


@pytest.fixture
def people(north_partner, south_partner, areas):
    return {
        "anonymous": None,
        "resident": UserFactory(),
        "staff": with_totp(city_staff()),
        "staff_without_totp": city_staff(),
        "north_partner": north_partner,  # grant for the assessed area, same organisation
        "north_colleague": with_totp(
            partner_member([("area:TC-N", VIEW)], organisation="North Housing")
        ),  # grant for the area, another organisation
        "south_partner": south_partner,  # grant for another area only
        "partner_without_totp": partner_member([("city", VIEW)], organisation="City Trust"),
        "partner_without_grant": with_totp(partner_member([], organisation="No Grants")),
    }


ALLOWED = {
    "index": {"staff", "north_partner", "north_colleague", "south_partner"},
    "create": {"north_partner", "north_colleague", "south_partner"},
    "detail": {"staff", "north_partner", "north_colleague"},
    "edit": {"north_partner"},
}


@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_permission_matrix(client, people, areas, page):
    assessment = assess(people["north_partner"], areas["north"])
    url = _url(page, pk=assessment.pk) if page in {"detail", "edit"} else _url(page)
    for name, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        answer = client.get(url)
        if name in ALLOWED[page]:
            assert answer.status_code == 200, (page, name, answer.status_code)
        else:
            assert answer.status_code in (302, 403, 404), (page, name, answer.status_code)
            if name == "anonymous" or answer.status_code == 302:
                assert "/accounts/login/" in answer["Location"] or "/2fa/" in answer["Location"]
            assert "Leaflets near the mosque" not in answer.content.decode()


def test_a_partner_lists_only_its_grants_areas(client, people, areas):
    assess(people["north_partner"], areas["north"])
    assess(people["south_partner"], areas["south"], level=5)
    client.force_login(people["south_partner"])
    page = client.get(_url("index")).content.decode()
    assert "South" in page and ">North<" not in page
    client.force_login(people["staff"])
    page = client.get(_url("index")).content.decode()
    assert ">North<" in page and ">South<" in page


def test_a_partner_can_only_choose_areas_its_grants_cover(client, people, areas):
    client.force_login(people["south_partner"])
    page = client.post(
        _url("create"),
        {
            "area": areas["north"].pk,
            "period_start": "2026-03-02",
            "period_end": "2026-03-08",
            "level": 3,
            "trend": "rising",
            "confidence": "high",
        },
    )
    assert page.status_code == 400 and 'aria-invalid="true"' in page.content.decode()
    assert not Assessment.objects.exists()


def test_submitting_and_revising_through_the_pages_without_javascript(client, people, areas):
    client.force_login(people["north_partner"])
    form = client.get(_url("create")).content.decode()
    assert 'type="radio"' in form and 'type="date"' in form
    sent = client.post(
        _url("create"),
        {
            "area": areas["north"].pk,
            "period_start": "2026-03-02",
            "period_end": "2026-03-08",
            "level": 3,
            "trend": "rising",
            "confidence": "high",
            "context": "A march is planned.",
            "sources": "Organisers' website",
        },
    )
    assessment = Assessment.objects.get()
    assert sent.status_code == 302 and sent["Location"] == _url("detail", pk=assessment.pk)
    client.post(
        _url("edit", pk=assessment.pk),
        {"level": 4, "trend": "rising", "confidence": "high", "context": "It grew.", "sources": ""},
    )
    assessment.refresh_from_db()
    assert (assessment.level, assessment.version) == (4, 2)
    history = client.get(_url("detail", pk=assessment.pk)).content.decode()
    assert "A march is planned." in history and "It grew." in history


def test_a_period_that_ends_before_it_starts_is_refused(client, people, areas):
    client.force_login(people["north_partner"])
    page = client.post(
        _url("create"),
        {
            "area": areas["north"].pk,
            "period_start": "2026-03-09",
            "period_end": "2026-03-02",
            "level": 2,
            "trend": "stable",
            "confidence": "low",
        },
    )
    assert page.status_code == 400 and "must end on or after" in page.content.decode()


def test_the_queryset_scopes_assessments_by_the_rules(people, areas):
    north = assess(people["north_partner"], areas["north"])
    south = assess(people["south_partner"], areas["south"], level=5)
    city_partner = with_totp(partner_member([("city", VIEW)], organisation="City Trust 2"))

    def visible(name_or_user):
        user = people.get(name_or_user) if isinstance(name_or_user, str) else name_or_user
        return set(Assessment.objects.visible_to(user).values_list("pk", flat=True))

    assert visible("staff") == {north.pk, south.pk}
    assert visible(city_partner) == {north.pk, south.pk}
    assert visible("north_colleague") == {north.pk}
    assert visible("south_partner") == {south.pk}
    assert visible("partner_without_grant") == set()
    assert visible("resident") == set()
