"""The voting page over HTTP, without JavaScript (plain form posts and redirects) and
with vote.js's fragment requests; adding a statement; the map link tag."""

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from engage.moderation.content import ContentStatus
from engage.opinions.models import MapStatus, Statement, Vote
from tests.factories import UserFactory, city_staff
from tests.factories.opinions import OpinionMapFactory, StatementFactory

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def vote_url(opinion_map):
    return reverse("opinions:vote", kwargs={"map_id": opinion_map.pk})


@pytest.fixture
def two_statements():
    opinion_map = OpinionMapFactory(title="Riverside park", question="What should change?")
    written = timezone.now()  # the same age: the lower id comes first
    first = StatementFactory(map=opinion_map, text="More benches.", created=written)
    second = StatementFactory(map=opinion_map, text="Fewer cars.", created=written)
    return opinion_map, first, second


def test_anyone_sees_the_question_and_the_statement(client, two_statements):
    opinion_map, first, _second = two_statements
    response = client.get(vote_url(opinion_map))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "Riverside park" in html and "What should change?" in html
    assert "More benches." in html
    assert "Log in to vote" in html and 'name="value"' not in html


def test_voting_without_javascript_redirects_to_the_next_statement(client, two_statements):
    opinion_map, first, second = two_statements
    resident = UserFactory()
    client.force_login(resident)
    page = client.get(vote_url(opinion_map)).content.decode()
    assert 'name="value" value="1"' in page and f'value="{first.pk}"' in page
    response = client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    assert response.status_code == 303
    assert response["Location"] == f"{vote_url(opinion_map)}#statement"
    assert Vote.objects.get().value == 1
    page = client.get(response["Location"]).content.decode()
    assert "Your vote has been saved." in page
    assert (
        "Fewer cars." in page
        and "You have voted on <bdi>1</bdi> of <bdi>2</bdi> statements." in page
    )


def test_changing_a_vote_through_the_page(client, two_statements):
    opinion_map, first, second = two_statements
    client.force_login(UserFactory())
    client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    client.post(vote_url(opinion_map), {"statement": second.pk, "value": "0"})
    done = client.get(vote_url(opinion_map)).content.decode()
    assert "You have voted on every statement" in done
    assert f"?statement={first.pk}#statement" in done
    again = client.get(vote_url(opinion_map), {"statement": first.pk}).content.decode()
    assert "Your vote: Agree. Choose again to change it." in again
    client.post(vote_url(opinion_map), {"statement": first.pk, "value": "-1"})
    assert list(Vote.objects.order_by("statement").values_list("value", flat=True)) == [-1, 0]


def test_the_fetch_answer_is_the_next_card_with_an_announcement(client, two_statements):
    opinion_map, first, _second = two_statements
    client.force_login(UserFactory())
    response = client.post(vote_url(opinion_map), {"statement": first.pk, "value": "-1"}, **FETCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<section") and "<html" not in html
    assert 'data-announcement="Your vote has been saved. Next statement."' in html
    assert "Fewer cars." in html


@pytest.mark.parametrize("data", [{"value": "1"}, {"statement": "x", "value": "1"}, {}])
def test_a_malformed_vote_is_refused(client, two_statements, data):
    opinion_map, first, _second = two_statements
    client.force_login(UserFactory())
    response = client.post(vote_url(opinion_map), {"value": "7", **data}, **FETCH)
    assert response.status_code == 400
    assert "Please choose agree, disagree or pass." in response.content.decode()
    assert not Vote.objects.exists()


def test_a_statement_of_another_map_is_refused(client, two_statements):
    opinion_map, _first, _second = two_statements
    elsewhere = StatementFactory()
    client.force_login(UserFactory())
    response = client.post(
        vote_url(opinion_map), {"statement": elsewhere.pk, "value": "1"}, **FETCH
    )
    assert response.status_code == 400 and not Vote.objects.exists()


def test_an_anonymous_vote_is_refused_with_a_message(client, two_statements):
    opinion_map, first, _second = two_statements
    response = client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    assert response.status_code == 303 and not Vote.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Please log in" in page
    fragment = client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"}, **FETCH)
    assert fragment.status_code == 403


def test_a_draft_map_is_hidden_from_all_but_staff(client):
    draft = OpinionMapFactory(status=MapStatus.DRAFT)
    assert client.get(vote_url(draft)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(vote_url(draft)).status_code == 404
    client.force_login(city_staff())
    assert client.get(vote_url(draft)).status_code == 200


def test_a_closed_map_shows_its_statements_without_buttons(client, two_statements):
    opinion_map, _first, _second = two_statements
    opinion_map.status = MapStatus.CLOSED
    opinion_map.save()
    client.force_login(UserFactory())
    html = client.get(vote_url(opinion_map)).content.decode()
    assert "has closed" in html and 'name="value"' not in html and "More benches." in html


def test_rate_limited_votes_get_the_429_page_or_fragment(client, two_statements, settings):
    from engage.ratelimit import reset_rate

    opinion_map, first, second = two_statements
    resident = UserFactory()
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {"opinion_vote": {"user": [(1, 60)]}}
    reset_rate("opinion_vote", user=resident)
    client.force_login(resident)
    client.post(vote_url(opinion_map), {"statement": first.pk, "value": "1"})
    page = client.post(vote_url(opinion_map), {"statement": second.pk, "value": "1"})
    assert page.status_code == 429 and page["Retry-After"]
    fragment = client.post(vote_url(opinion_map), {"statement": second.pk, "value": "1"}, **FETCH)
    assert fragment.status_code == 429 and 'role="alert"' in fragment.content.decode()
    assert Vote.objects.count() == 1
    reset_rate("opinion_vote", user=resident)


def submit_url(opinion_map):
    return reverse("opinions:submit_statement", kwargs={"map_id": opinion_map.pk})


def test_adding_a_statement_without_javascript(client, two_statements):
    opinion_map, _first, _second = two_statements
    client.force_login(UserFactory())
    response = client.post(
        submit_url(opinion_map), {"text": "Plant fruit trees.", "language": "en"}
    )
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert "A moderator will read your statement" in page
    assert "Plant fruit trees." in page and "Awaiting moderation" in page
    assert Statement.objects.get(text="Plant fruit trees.").status == ContentStatus.PENDING


def test_a_statement_too_long_shows_the_form_again_with_its_error(client, two_statements):
    opinion_map, _first, _second = two_statements
    client.force_login(UserFactory())
    response = client.post(submit_url(opinion_map), {"text": "x" * 300, "language": "en"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    assert "300 characters long" in html
    assert not Statement.objects.filter(author__isnull=False).exists()


def test_an_anonymous_statement_is_refused(client, two_statements):
    opinion_map, _first, _second = two_statements
    response = client.post(submit_url(opinion_map), {"text": "Sneaky.", "language": "en"})
    assert response.status_code == 303
    assert not Statement.objects.filter(text="Sneaky.").exists()


def test_the_map_link_tag_shows_only_a_visible_map():
    opinion_map = OpinionMapFactory(scope="consultation:999999", question="Parks?")
    StatementFactory(map=opinion_map)
    template = Template('{% load opinions_tags %}{% opinion_map_for "consultation" 999999 %}')
    request = RequestFactory().get("/")
    request.user = UserFactory()
    html = template.render(Context({"request": request}))
    assert vote_url(opinion_map) in html and "Vote on 1 statement" in html
    opinion_map.status = MapStatus.DRAFT
    opinion_map.save()
    assert "<aside" not in template.render(Context({"request": request}))
    nothing = Template('{% load opinions_tags %}{% opinion_map_for "forum:1" %}')
    assert nothing.render(Context({"request": request})).strip() == ""


def test_the_voting_page_costs_the_same_queries_for_many_statements(
    client, django_assert_max_num_queries
):
    opinion_map = OpinionMapFactory()
    StatementFactory.create_batch(3, map=opinion_map)
    resident = UserFactory()
    client.force_login(resident)
    client.get(vote_url(opinion_map))  # warm the session and role caches
    with django_assert_max_num_queries(14) as few:
        client.get(vote_url(opinion_map))
    StatementFactory.create_batch(40, map=opinion_map)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(vote_url(opinion_map))


def test_residents_report_a_statement_and_moderators_open_it_in_the_queue(client, home_page):
    from django.core.cache import cache

    from engage.moderation.models import QueueItem
    from tests.factories import moderator, with_totp

    statement = StatementFactory(text="Some people do not belong in this park.")
    client.force_login(UserFactory())
    report = reverse("moderation:report", kwargs={"kind": "statement", "pk": statement.pk})
    assert "Some people do not belong" in client.get(report).content.decode()
    response = client.post(report, {"reason": "hate", "note": ""})
    assert response.status_code in (302, 303)
    item = QueueItem.objects.open().get()
    cache.clear()
    staff_side = Client()
    staff_side.force_login(with_totp(moderator()))
    page = staff_side.get(reverse("engage_moderation:item", kwargs={"pk": item.pk}))
    assert page.status_code == 200
    assert "Some people do not belong" in page.content.decode()
