"""Consultation pages: status, the index and its filter, languages, the take-part box."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import ConsultationPage, ConsultationStatus
from consultations.rules import TakePartBlocker, take_part_blocker
from tests.factories import (
    AreaFactory,
    CategoryFactory,
    DimensionFactory,
    UserFactory,
    build_consultation,
)

from .helpers import assert_one_h1

OPENS = datetime.datetime(2030, 3, 1, 9, 0, tzinfo=datetime.UTC)
CLOSES = datetime.datetime(2030, 4, 1, 17, 0, tzinfo=datetime.UTC)


def fixed_consultation():
    return ConsultationPage(title="Fixed", opens_at=OPENS, closes_at=CLOSES)


@pytest.fixture(autouse=True)
def _content_types(db):
    """An unsaved Wagtail page asks for its content type when it is built; whether that
    is cached depends on which tests ran before, so every test here may use the database."""


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (OPENS - datetime.timedelta(seconds=1), ConsultationStatus.UPCOMING),
        (OPENS, ConsultationStatus.OPEN),
        (CLOSES - datetime.timedelta(seconds=1), ConsultationStatus.OPEN),
        (CLOSES, ConsultationStatus.CLOSED),
        (CLOSES + datetime.timedelta(days=365), ConsultationStatus.CLOSED),
    ],
)
def test_status_is_derived_from_opening_and_closing_times(moment, expected):
    assert fixed_consultation().status_at(moment) == expected


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (OPENS - datetime.timedelta(seconds=1), "upcoming"),
        (OPENS, "open"),
        (CLOSES, "closed"),
    ],
)
def test_status_querysets_agree_with_status_at(consultation_index, moment, status):
    page = build_consultation(consultation_index)
    ConsultationPage.objects.filter(pk=page.pk).update(opens_at=OPENS, closes_at=CLOSES)
    for candidate in ConsultationStatus.values:
        found = ConsultationPage.objects.with_status(candidate, moment).filter(pk=page.pk)
        assert found.exists() == (candidate == status)


def test_closing_before_opening_is_invalid(consultation_index):
    from django.core.exceptions import ValidationError

    page = ConsultationPage(title="Backwards", slug="backwards", opens_at=CLOSES, closes_at=OPENS)
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert "closes_at" in caught.value.message_dict


def test_index_lists_every_status_with_badges(
    client, consultation_index, consultation, closed_consultation, upcoming_consultation
):
    html = client.get(consultation_index.url).content.decode()
    for page in (consultation, closed_consultation, upcoming_consultation):
        assert page.title in html
    assert 'status-badge--open">Open<' in html
    assert 'status-badge--closed">Closed<' in html
    assert 'status-badge--upcoming">Upcoming<' in html
    # Open first, then upcoming, then closed.
    assert (
        html.index(consultation.title)
        < html.index(upcoming_consultation.title)
        < html.index(closed_consultation.title)
    )


@pytest.mark.parametrize(
    ("status", "shown"),
    [("open", "Safer streets"), ("upcoming", "Bus routes"), ("closed", "Library hours")],
)
def test_index_filters_by_status(
    client,
    consultation_index,
    consultation,
    closed_consultation,
    upcoming_consultation,
    status,
    shown,
):
    response = client.get(consultation_index.url, {"status": status})
    assert_one_h1(response, consultation_index.title)
    html = response.content.decode()
    titles = {"Safer streets", "Bus routes", "Library hours"}
    assert shown in html
    for other in titles - {shown}:
        assert other not in html
    assert f'?status={status}" aria-current="page"' in html


def test_index_ignores_an_unknown_status(client, consultation_index, consultation):
    html = client.get(consultation_index.url, {"status": "nonsense"}).content.decode()
    assert consultation.title in html


def test_index_says_so_when_the_filter_matches_nothing(client, consultation_index, consultation):
    html = client.get(consultation_index.url, {"status": "closed"}).content.decode()
    assert "No consultation has closed yet." in html


def test_index_hides_unpublished_consultations(client, consultation_index, consultation):
    consultation.unpublish()
    html = client.get(consultation_index.url).content.decode()
    assert consultation.title not in html


def test_index_query_count_does_not_grow_with_consultations(client, consultation_index):
    area = AreaFactory(code="NB0001", name="Northbridge")
    for number in range(3):
        build_consultation(consultation_index, title=f"Consultation {number}", area=area)
    client.get(consultation_index.url)  # warm per-process caches
    with CaptureQueriesContext(connection) as three:
        response = client.get(consultation_index.url)
    assert response.content.decode().count("consultation-card") == 3
    for number in range(3, 20):
        build_consultation(consultation_index, title=f"Consultation {number}", area=area)
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(consultation_index.url)
    assert response.content.decode().count("consultation-card") == 12  # first page of 20
    assert len(twenty) == len(three), [q["sql"] for q in twenty.captured_queries]


def test_index_paginates_and_keeps_the_filter(client, consultation_index):
    for number in range(14):
        build_consultation(consultation_index, title=f"Consultation {number}")
    html = client.get(consultation_index.url, {"status": "open"}).content.decode()
    assert "status=open&amp;page=2" in html
    second = client.get(consultation_index.url, {"status": "open", "page": 2}).content.decode()
    assert second.count("consultation-card") == 2


def test_arabic_and_french_show_translated_titles(client, consultation):
    consultation.title_ar = "شوارع أكثر أمانًا"
    consultation.title_fr = "Des rues plus sûres"
    consultation.summary_ar = "ما الذي يجب أن يتغير؟"
    consultation.save_revision().publish()

    arabic = client.get(f"/ar/consultations/{consultation.slug}/")
    assert_one_h1(arabic, "شوارع أكثر أمانًا")
    html = arabic.content.decode()
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html
    assert "ما الذي يجب أن يتغير؟" in html

    french = client.get(f"/fr/consultations/{consultation.slug}/")
    assert_one_h1(french, "Des rues plus sûres")
    assert 'dir="ltr"' in french.content.decode()


def test_untranslated_title_falls_back_to_english(client, consultation):
    assert_one_h1(client.get(f"/de/consultations/{consultation.slug}/"), consultation.title)


def test_consultation_page_shows_affected_groups_and_wider_audience(client, consultation):
    dimension = DimensionFactory(slug="age_band", name="Age band")
    children = CategoryFactory(dimension=dimension, slug="0-14", name="0-14")
    parents = CategoryFactory(dimension=dimension, slug="35-44", name="35-44")
    consultation.affected_groups = [children]
    consultation.wider_audience = [parents]
    consultation.save_revision().publish()

    html = client.get(consultation.url).content.decode()
    affected = html.index("Directly affected")
    wider = html.index("We also want to hear from")
    assert affected < html.index("0-14") < wider < html.index("35-44")


def test_consultation_page_shows_summary_body_and_dates(client, consultation):
    consultation.body = [
        {"type": "heading", "value": {"text": "What we propose", "level": "h3"}},
        {"type": "paragraph", "value": "<p>Wider pavements.</p>"},
    ]
    consultation.save_revision().publish()
    html = client.get(consultation.url).content.decode()
    assert consultation.summary in html
    assert "<h3>What we propose</h3>" in html
    assert "<p>Wider pavements.</p>" in html
    assert f'datetime="{consultation.closes_at.isoformat()}"' in html


# --- the take-part box -----------------------------------------------------------


def test_anonymous_visitor_is_asked_to_log_in(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert "Log in or create a free account to take part." in html
    assert f"/en/accounts/login/?next=/en/consultations/{consultation.slug}/" in html


def test_unverified_resident_is_asked_to_verify_their_email(client, consultation):
    client.force_login(UserFactory(verified=False))
    html = client.get(consultation.url).content.decode()
    assert "you need to verify your email address" in html


def test_verified_resident_can_take_part(client, consultation, resident):
    client.force_login(resident)
    html = client.get(consultation.url).content.decode()
    assert "you can take part" in html


def test_closed_consultation_says_it_is_closed_even_to_residents(
    client, closed_consultation, resident
):
    client.force_login(resident)
    html = client.get(closed_consultation.url).content.decode()
    assert "so it no longer takes new contributions" in html
    assert "you can take part" not in html


def test_upcoming_consultation_says_when_it_opens(client, upcoming_consultation):
    html = client.get(upcoming_consultation.url).content.decode()
    assert "This consultation is not open yet." in html
    assert "Log in or create" not in html


@pytest.mark.parametrize(
    ("role", "fixture", "expected"),
    [
        ("anonymous", "consultation", TakePartBlocker.LOG_IN),
        ("unverified", "consultation", TakePartBlocker.VERIFY_EMAIL),
        ("resident", "consultation", None),
        ("resident", "closed_consultation", TakePartBlocker.CLOSED),
        ("resident", "upcoming_consultation", TakePartBlocker.UPCOMING),
        ("anonymous", "closed_consultation", TakePartBlocker.CLOSED),
    ],
)
@pytest.mark.django_db
def test_take_part_blocker_matches_the_rule(request, role, fixture, expected):
    from django.contrib.auth.models import AnonymousUser

    page = request.getfixturevalue(fixture)
    user = {
        "anonymous": AnonymousUser,
        "unverified": lambda: UserFactory(verified=False),
        "resident": UserFactory,
    }[role]()
    assert take_part_blocker(user, page) == expected


def test_draft_consultation_cannot_be_taken_part_in(consultation, resident):
    consultation.unpublish()
    consultation.refresh_from_db()
    assert take_part_blocker(resident, consultation) == TakePartBlocker.NOT_PUBLISHED


def test_consultation_open_right_now(consultation):
    assert consultation.opens_at <= timezone.now() < consultation.closes_at
    assert consultation.status == ConsultationStatus.OPEN
