"""The consultation index's filters (status, policy area, neighbourhood), the status
shown on pages, the public outcome page, and policy areas in the admin."""

import datetime
import re

import pytest
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Comment, CommentStatus, ConsultationStatus, Proposal
from engage.communities.models import Action, Area
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from engage.policy.models import PolicyArea
from tests.factories import UserFactory, build_consultation, city_staff, moderator
from tests.pages.helpers import assert_one_h1

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return (
        Area.objects.create(code="E05000001", name="Riverside"),
        Area.objects.create(code="E05000002", name="Old Town"),
    )


@pytest.fixture
def policy_areas():
    return (
        PolicyArea.objects.create(name="Parks and open spaces", slug="parks"),
        PolicyArea.objects.create(name="Community safety", slug="safety"),
    )


@pytest.fixture
def filed(consultation_index, places, policy_areas):
    """Three consultations filed under different areas and policy areas."""
    riverside, old_town = places
    parks, safety = policy_areas
    return {
        "park": build_consultation(
            consultation_index, title="Riverside Park", area=riverside, policy_area=parks
        ),
        "streets": build_consultation(
            consultation_index, title="Safer streets", area=old_town, policy_area=safety
        ),
        "library": build_consultation(
            consultation_index,
            title="Library hours",
            area=old_town,
            policy_area=parks,
            opens_in_days=-60,
            closes_in_days=-30,
        ),
    }


def titles_in(html):
    return set(re.findall(r'class="card__title"><a [^>]*>([^<]+)</a>', html))


FILTER_CASES = [
    ({}, {"Riverside Park", "Safer streets", "Library hours"}),
    ({"policy_area": "parks"}, {"Riverside Park", "Library hours"}),
    ({"area": "E05000002"}, {"Safer streets", "Library hours"}),
    ({"area": "E05000002", "policy_area": "parks"}, {"Library hours"}),
    ({"status": "open", "policy_area": "parks"}, {"Riverside Park"}),
    # Unknown values are ignored, as an unknown status always was.
    (
        {"policy_area": "nonsense", "area": "XX"},
        {"Riverside Park", "Safer streets", "Library hours"},
    ),
]


def test_index_filters_by_policy_area_and_neighbourhood(
    client, consultation_index, filed, subtests
):
    for query, expected in FILTER_CASES:
        with subtests.test(query=query):
            response = client.get(consultation_index.url, query)
            assert_one_h1(response, consultation_index.title)
            assert titles_in(response.content.decode()) == expected


def test_filter_form_is_a_labelled_get_form_that_keeps_the_choices(
    client, consultation_index, filed
):
    html = client.get(
        consultation_index.url, {"policy_area": "parks", "area": "E05000001", "status": "open"}
    ).content.decode()
    form = re.search(
        r'<form class="consultation-filters" method="get".*?</form>', html, re.S
    ).group(0)
    for name, control_id in [
        ("status", "filter-status"),
        ("policy_area", "filter-policy-area"),
        ("area", "filter-area"),
    ]:
        assert f'<label for="{control_id}">' in form
        assert f'<select id="{control_id}" name="{name}">' in form
    assert '<option value="parks" selected>' in form
    assert '<option value="E05000001" selected>' in form
    assert '<option value="open" selected>' in form
    # The status links keep the other filters.
    assert "policy_area=parks&amp;area=E05000001&amp;status=closed" in html
    assert "Clear filters" in form


def test_outcome_status_filter_lists_only_published_outcomes(client, consultation_index, filed):
    library = filed["library"]
    response = client.get(consultation_index.url, {"status": "outcome"})
    assert titles_in(response.content.decode()) == set()
    assert "No outcome has been published yet." in response.content.decode()
    library.outcome = "<p>Longer hours on Saturdays.</p>"
    library.outcome_published_at = timezone.now() - datetime.timedelta(days=1)
    library.save_revision().publish()
    html = client.get(consultation_index.url, {"status": "outcome"}).content.decode()
    assert titles_in(html) == {"Library hours"}
    assert 'status-badge--outcome">Outcome published<' in html


def test_no_match_says_what_to_do(client, consultation_index, filed):
    html = client.get(
        consultation_index.url, {"policy_area": "safety", "area": "E05000001"}
    ).content.decode()
    assert "No consultation matches these filters." in html


def test_filtered_index_query_count_does_not_grow(client, consultation_index, places, policy_areas):
    for number in range(2):
        build_consultation(
            consultation_index, title=f"C{number}", area=places[0], policy_area=policy_areas[0]
        )
    client.get(consultation_index.url, {"policy_area": "parks"})
    with CaptureQueriesContext(connection) as few:
        client.get(consultation_index.url, {"policy_area": "parks"})
    for number in range(2, 8):
        build_consultation(
            consultation_index, title=f"C{number}", area=places[0], policy_area=policy_areas[0]
        )
    with CaptureQueriesContext(connection) as more:
        response = client.get(consultation_index.url, {"policy_area": "parks"})
    assert len(titles_in(response.content.decode())) == 8
    assert len(more) == len(few), [q["sql"] for q in more.captured_queries]


# --- status on the page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opens", "closes", "published", "label"),
    [
        (3, 10, None, "Upcoming"),
        (-3, 10, None, "Open"),
        (-30, -3, None, "Closed"),
        (-30, -3, -1, "Outcome published"),
        # An outcome scheduled for later is not shown yet.
        (-30, -3, 2, "Closed"),
    ],
)
def test_page_shows_its_status(client, consultation_index, opens, closes, published, label):
    now = timezone.now()
    page = build_consultation(
        consultation_index,
        opens_in_days=opens,
        closes_in_days=closes,
        outcome="<p>We will.</p>",
        outcome_published_at=now + datetime.timedelta(days=published) if published else None,
    )
    html = client.get(page.url).content.decode()
    assert re.search(rf'class="status-badge status-badge--\w+">{label}<', html)
    assert ("Read the outcome" in html) == (label == "Outcome published")


# --- the outcome page --------------------------------------------------------------------


@pytest.fixture
def closed_with_outcome(consultation_index):
    page = build_consultation(
        consultation_index,
        title="Library hours",
        slug="library-hours",
        opens_in_days=-60,
        closes_in_days=-5,
        outcome="<p>The library will open until 8pm on Thursdays.</p>",
        outcome_published_at=timezone.now() - datetime.timedelta(days=1),
    )
    return page


def add_comments(page, proposal, count, status=CommentStatus.PUBLISHED):
    for _number in range(count):
        author = UserFactory()
        Comment.objects.create(
            consultation=page,
            proposal=proposal,
            author=author,
            body_text="x",
            body_html="<p>x</p>",
            language="en",
            status=status,
        )
        scopes = [Scope.of("consultation", page.pk)]
        if proposal:
            scopes.append(Scope.of("proposal", proposal.pk))
        record_participation(author, Action.COMMENTED, *scopes)


def test_outcome_page_shows_what_was_asked_heard_and_will_be_done(client, closed_with_outcome):
    page = closed_with_outcome
    evenings = Proposal.objects.create(page=page, title="Open later in the evening")
    sundays = Proposal.objects.create(page=page, title="Open on Sundays")
    add_comments(page, evenings, 3)
    add_comments(page, sundays, 1)
    add_comments(page, sundays, 2, status=CommentStatus.PENDING)  # took part, not heard yet
    add_comments(page, None, 1, status=CommentStatus.HIDDEN)

    response = client.get(page.outcome_url())
    assert_one_h1(response, "What we heard: Library hours")
    html = response.content.decode()
    assert "7 people took part." in html  # the ledger: every distinct participant
    assert "4 comments in total." in html  # only published comments were heard
    assert re.search(r"Open later in the evening</th>\s*<td>3</td>", html)
    assert re.search(r"Open on Sundays</th>\s*<td>1</td>", html)
    assert "The library will open until 8pm on Thursdays." in html
    for heading in ["What we asked", "Who took part", "What we heard", "What the city will do"]:
        assert f">{heading}</h2>" in html
    # No names on the public outcome.
    assert "Person " not in html


def test_outcome_page_shows_the_phase_timeline_with_the_outcome_current(
    client, closed_with_outcome
):
    page = closed_with_outcome
    html = client.get(page.outcome_url()).content.decode()
    timeline = html.split('aria-labelledby="timeline-heading"')[1].split("</section>")[0]
    steps = re.findall(r'<li class="timeline__step timeline__step--(\w+)"', timeline)
    assert steps == ["done", "done", "done", "current"]
    current = timeline.split('aria-current="step"')[1].split("</li>")[0]
    assert "Outcome published" in current
    assert f'datetime="{date_filter(page.outcome_published_at, "c")}"' in current


def test_outcome_counts_each_participant_once(client, closed_with_outcome):
    page = closed_with_outcome
    proposal = Proposal.objects.create(page=page, title="Evenings")
    person = UserFactory()
    for _ in range(3):
        Comment.objects.create(
            consultation=page,
            proposal=proposal,
            author=person,
            body_text="x",
            body_html="x",
            language="en",
            status=CommentStatus.PUBLISHED,
        )
        record_participation(
            person,
            Action.COMMENTED,
            Scope.of("consultation", page.pk),
            Scope.of("proposal", proposal.pk),
        )
    html = client.get(page.outcome_url()).content.decode()
    assert "1 person took part." in html
    assert "3 comments in total." in html


def test_outcome_url_is_below_the_page(closed_with_outcome):
    assert closed_with_outcome.outcome_url() == closed_with_outcome.url + "outcome/"


@pytest.mark.parametrize(
    ("closes", "published"),
    [(10, -1), (-5, None), (-5, 3)],
    ids=["still-open", "no-outcome", "outcome-scheduled"],
)
def test_outcome_page_is_404_until_published(client, consultation_index, closes, published):
    page = build_consultation(
        consultation_index,
        opens_in_days=-20,
        closes_in_days=closes,
        outcome="<p>Draft answer.</p>",
        outcome_published_at=timezone.now() + datetime.timedelta(days=published)
        if published
        else None,
    )
    assert client.get(page.outcome_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(page.outcome_url()).status_code == 404


@pytest.mark.parametrize("role", [city_staff, moderator])
def test_staff_and_moderators_can_preview_an_unpublished_outcome(client, consultation_index, role):
    page = build_consultation(consultation_index, outcome="<p>Draft answer.</p>")
    client.force_login(role())
    response = client.get(page.outcome_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: this outcome is not public yet." in html
    assert "Draft answer." in html


def test_outcome_page_of_an_unpublished_consultation_is_404(client, closed_with_outcome):
    closed_with_outcome.unpublish()
    assert client.get(closed_with_outcome.outcome_url()).status_code == 404


def test_outcome_page_query_count_does_not_grow_with_comments(client, closed_with_outcome):
    page = closed_with_outcome
    proposals = [Proposal.objects.create(page=page, title=f"P{n}") for n in range(2)]
    add_comments(page, proposals[0], 1)
    client.get(page.outcome_url())
    with CaptureQueriesContext(connection) as few:
        client.get(page.outcome_url())
    add_comments(page, proposals[1], 5)
    proposals.append(Proposal.objects.create(page=page, title="P3"))
    with CaptureQueriesContext(connection) as more:
        client.get(page.outcome_url())
    assert len(more) == len(few)


def test_outcome_page_in_arabic_is_right_to_left(client, closed_with_outcome):
    url = closed_with_outcome.outcome_url().replace("/en/", "/ar/", 1)
    response = client.get(url)
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_status_at_uses_the_outcome_time(consultation_index):
    page = build_consultation(
        consultation_index,
        opens_in_days=-10,
        closes_in_days=-5,
        outcome_published_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert page.status == ConsultationStatus.CLOSED
    assert page.status_at(timezone.now() + datetime.timedelta(days=2)) == ConsultationStatus.OUTCOME


# --- policy areas in the admin -------------------------------------------------------------


def test_city_staff_manage_policy_areas_in_the_admin(client):
    from tests.factories import with_totp

    staff = with_totp(city_staff())
    client.force_login(staff)
    listing = client.get("/admin/policy/areas/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/policy/areas/new/",
        {"name_en": "Libraries and culture", "slug": "libraries", "description_en": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PolicyArea.objects.filter(slug="libraries", name="Libraries and culture").exists()


def test_residents_cannot_reach_policy_areas_in_the_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/policy/areas/")
    assert response.status_code in (302, 403)


def test_outcome_page_shows_reaction_totals_per_proposal(client, consultation_index):
    from consultations.engagement.services import react

    page = build_consultation(consultation_index, title="Bins", slug="bins")
    proposal = Proposal.objects.create(page=page, title="Weekly collection")
    for value in ["support", "support", "oppose"]:
        react(UserFactory(), proposal, value)
    page.closes_at = timezone.now() - datetime.timedelta(days=1)
    page.opens_at = timezone.now() - datetime.timedelta(days=30)
    page.outcome_published_at = timezone.now()
    page.save_revision().publish()
    html = client.get(page.outcome_url()).content.decode()
    assert re.search(
        r"Weekly collection</th>\s*<td>0</td>\s*<td>2</td>\s*<td>1</td>\s*<td>0</td>", html
    )
    assert "3 people took part." in html  # reacting is taking part
