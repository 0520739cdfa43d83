"""The voting API: the next statement, a vote, a statement, and their refusals."""

import pytest
from django.utils import timezone

from engage.opinions.models import MapStatus, Statement, Vote
from tests.factories import UserFactory
from tests.factories.opinions import OpinionMapFactory, StatementFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/opinions"


@pytest.fixture
def opinion_map():
    opinion_map = OpinionMapFactory()
    written = timezone.now()
    StatementFactory(map=opinion_map, text="More benches.", created=written)
    StatementFactory(map=opinion_map, text="Fewer cars.", created=written)
    return opinion_map


def test_anyone_reads_the_next_statement(client, opinion_map):
    body = client.get(f"{BASE}/{opinion_map.pk}/next").json()
    assert body["statement"]["text"] == "More benches."
    assert (body["total"], body["voted"]) == (2, 0)


def test_a_vote_answers_with_the_next_offer_and_replaces_an_earlier_one(client, opinion_map):
    client.force_login(UserFactory())
    first = Statement.objects.get(text="More benches.")
    body = client.post(
        f"{BASE}/{opinion_map.pk}/votes", {"statement": first.pk, "value": 1}, "application/json"
    ).json()
    assert body["statement"]["text"] == "Fewer cars." and body["voted"] == 1
    client.post(
        f"{BASE}/{opinion_map.pk}/votes", {"statement": first.pk, "value": 0}, "application/json"
    )
    assert list(Vote.objects.values_list("value", flat=True)) == [0]


@pytest.mark.parametrize(("value", "status"), [(5, 400), (1, 403)])
def test_refused_votes(client, opinion_map, value, status):
    if status == 403:
        opinion_map.status = MapStatus.CLOSED
        opinion_map.save()
    client.force_login(UserFactory())
    statement = Statement.objects.first()
    response = client.post(
        f"{BASE}/{opinion_map.pk}/votes",
        {"statement": statement.pk, "value": value},
        "application/json",
    )
    assert response.status_code == status and response.json()["detail"]
    assert not Vote.objects.exists()


def test_anonymous_votes_are_401_and_drafts_404(client, opinion_map):
    statement = Statement.objects.first()
    response = client.post(
        f"{BASE}/{opinion_map.pk}/votes",
        {"statement": statement.pk, "value": 1},
        "application/json",
    )
    assert response.status_code == 401
    draft = OpinionMapFactory(status=MapStatus.DRAFT)
    assert client.get(f"{BASE}/{draft.pk}/next").status_code == 404


def test_adding_a_statement(client, opinion_map):
    client.force_login(UserFactory())
    response = client.post(
        f"{BASE}/{opinion_map.pk}/statements",
        {"text": "Light the path at night.", "language": "en"},
        "application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "pending"
    too_long = client.post(
        f"{BASE}/{opinion_map.pk}/statements", {"text": "x" * 281}, "application/json"
    )
    assert too_long.status_code == 400 and too_long.json()["code"] == "too_long"
