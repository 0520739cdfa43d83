"""The demo opinion map (engage/opinions/demo): on the Riverside Park consultation,
statements in six languages, votes that form clear groups, a snapshot; idempotent."""

import pytest

from engage.demo.data import DemoContext
from engage.opinions.demo import DATA_DIR, load_demo
from engage.opinions.models import OpinionMap, Participant, Snapshot, Statement, Vote
from tests.factories import UserFactory, build_consultation
from tests.factories.accounts import city_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside(consultation_index):
    city_staff(email="staff@example.org")
    return build_consultation(consultation_index, title="Riverside Park", slug="riverside-park")


def test_the_demo_map_forms_clear_groups_and_loads_once(riverside):
    context = DemoContext()
    load_demo(DATA_DIR, context)
    opinion_map = OpinionMap.objects.get(scope=f"consultation:{riverside.pk}")
    languages = set(Statement.objects.filter(map=opinion_map).values_list("language", flat=True))
    assert languages == {"en", "ar", "fr", "pl", "so", "ur"}
    assert Participant.objects.filter(map=opinion_map).count() == 180  # imported voters
    snapshot = Snapshot.objects.get(map=opinion_map)
    assert 2 <= len(snapshot.result["groups"]) <= 3
    assert snapshot.seed == opinion_map.seed == 2024
    assert snapshot.result["consensus"]["agree"]  # statements everyone agrees with
    votes = Vote.objects.filter(statement__map=opinion_map).count()

    load_demo(DATA_DIR, DemoContext())  # again: nothing new
    assert OpinionMap.objects.count() == 1
    assert Vote.objects.filter(statement__map=opinion_map).count() == votes
    assert Snapshot.objects.filter(map=opinion_map).count() == 1
    assert ("opinion map", f"{opinion_map.title} (180 voters)") in context.created


def test_the_demo_consultations_participants_vote_when_they_exist(riverside):
    users = [
        UserFactory(email=f"participant{n}@participants.northbridge.example.org")
        for n in range(1, 31)
    ]
    load_demo(DATA_DIR, DemoContext())
    voters = Participant.objects.filter(map__scope=f"consultation:{riverside.pk}")
    assert sorted(voters.values_list("user_id", flat=True)) == sorted(u.pk for u in users)


def test_without_the_consultation_nothing_is_made(db):
    load_demo(DATA_DIR, DemoContext())
    assert not OpinionMap.objects.exists()
