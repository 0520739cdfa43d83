"""The opinions.* rules as a table, role × map state × action (as meinBerlin tests its
permissions), and the staff admin that asks the same rule."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from engage.opinions.models import MapStatus, OpinionMap, Statement
from tests.factories import UserFactory, city_staff, moderator, with_totp
from tests.factories.opinions import OpinionMapFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "unverified", "resident", "moderator", "staff")
STATES = ("draft", "open", "open_no_statements", "closed")
ACTIONS = ("view_map", "vote", "submit_statement", "manage_map")

Y, N = True, False
# role -> state -> (view, vote, submit, manage)
MATRIX = {
    "anonymous": {
        "draft": (N, N, N, N),
        "open": (Y, N, N, N),
        "open_no_statements": (Y, N, N, N),
        "closed": (Y, N, N, N),
    },
    "unverified": {
        "draft": (N, N, N, N),
        "open": (Y, N, N, N),
        "open_no_statements": (Y, N, N, N),
        "closed": (Y, N, N, N),
    },
    "resident": {
        "draft": (N, N, N, N),
        "open": (Y, Y, Y, N),
        "open_no_statements": (Y, Y, N, N),
        "closed": (Y, N, N, N),
    },
    "moderator": {
        "draft": (N, N, N, N),
        "open": (Y, Y, Y, N),
        "open_no_statements": (Y, Y, N, N),
        "closed": (Y, N, N, N),
    },
    "staff": {
        "draft": (Y, N, N, Y),
        "open": (Y, Y, Y, Y),
        "open_no_statements": (Y, Y, N, Y),
        "closed": (Y, N, N, Y),
    },
}


def make_user(role):
    return {
        "anonymous": AnonymousUser,
        "unverified": lambda: UserFactory(verified=False),
        "resident": UserFactory,
        "moderator": moderator,
        "staff": city_staff,
    }[role]()


def make_map(state):
    if state == "open_no_statements":
        return OpinionMapFactory(status=MapStatus.OPEN, accepts_statements=False)
    return OpinionMapFactory(status=state)


def test_the_matrix_covers_every_role_and_state():
    assert set(MATRIX) == set(ROLES)
    assert all(set(row) == set(STATES) for row in MATRIX.values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(role, state):
    user, opinion_map = make_user(role), make_map(state)
    expected = dict(zip(ACTIONS, MATRIX[role][state], strict=True))
    actual = {
        action: rules.test_rule(f"opinions.{action}", user, opinion_map) for action in ACTIONS
    }
    assert actual == expected


# --- the Wagtail admin asks opinions.manage_map ----------------------------------------


@pytest.fixture
def _fresh_cache(settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    cache.clear()
    yield
    cache.clear()


def admin_data(**fields):
    return {
        "title_en": "Riverside park",
        "title_ar": "حديقة ريفرسايد",
        "question_en": "What should change in the park?",
        "scope": "",
        "status": "open",
        "moderation_mode": "pre",
        "accepts_statements": "on",
        "seed_statements": "Open the gates earlier.\n\nAdd a cafe by the pond.",
        **fields,
    }


@pytest.mark.usefixtures("_fresh_cache")
def test_staff_create_a_map_with_seed_statements_in_the_admin(client):
    staff = with_totp(city_staff())
    client.force_login(staff)
    assert client.get(reverse("opinion_maps:index")).status_code == 200
    response = client.post(reverse("opinion_maps:add"), admin_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    opinion_map = OpinionMap.objects.get()
    seeds = Statement.objects.of_map(opinion_map).order_by("pk")
    assert [s.text for s in seeds] == ["Open the gates earlier.", "Add a cafe by the pond."]
    assert all(s.is_seed and s.is_published and s.author == staff for s in seeds)
    # The title and the question in each language (engage/opinions/translation.py).
    assert (opinion_map.title_en, opinion_map.title_ar) == ("Riverside park", "حديقة ريفرسايد")
    assert opinion_map.question_en == "What should change in the park?"
    with translation.override("ar"):
        assert (opinion_map.title, opinion_map.question) == (
            "حديقة ريفرسايد",
            "What should change in the park?",  # no Arabic question: the English one
        )
    edit = client.get(reverse("opinion_maps:edit", args=[opinion_map.pk])).content.decode()
    assert "Already on the map" in edit and "Open the gates earlier." in edit


@pytest.mark.usefixtures("_fresh_cache")
def test_a_seed_statement_too_long_is_refused_with_its_line(client):
    client.force_login(with_totp(city_staff()))
    response = client.post(
        reverse("opinion_maps:add"), admin_data(seed_statements="Fine.\n" + "x" * 281)
    )
    assert response.status_code == 200
    assert "Line 2:" in response.content.decode()
    assert not OpinionMap.objects.exists()


@pytest.mark.usefixtures("_fresh_cache")
def test_a_moderator_cannot_manage_maps_in_the_admin(client):
    client.force_login(with_totp(moderator()))
    response = client.get(reverse("opinion_maps:index"))
    assert response.status_code in (302, 403)
    client.post(reverse("opinion_maps:add"), admin_data())
    assert not OpinionMap.objects.exists()
