"""Opinion maps in "download my data" and account deletion: a person's statements and
votes are in their download; deleting the account detaches the votes (the map keeps
them, anonymous) and removes or keeps the statements as the person chose."""

import pytest

from engage.accounts.privacy import registry
from engage.opinions.models import OpinionMap, Participant, Statement, Vote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def voter_and_map():
    person = UserFactory()
    opinion_map = OpinionMap.objects.create(title="Parks", question="What should parks offer?")
    own = Statement.objects.create(map=opinion_map, text="More benches.", author=person)
    other = Statement.objects.create(map=opinion_map, text="Fewer cars.")
    participant = Participant.objects.create(map=opinion_map, user=person)
    Vote.objects.create(participant=participant, statement=other, value=1)
    return person, opinion_map, own, other


def section():
    return next(s for s in registry.sections() if s.key == "opinion_maps")


def test_download_lists_statements_maps_and_votes(voter_and_map):
    person, _map, _own, _other = voter_and_map
    counts = {table.name: table.count(person) for table in section().tables}
    assert counts == {"opinion_statements": 1, "opinion_maps_joined": 1, "opinion_votes": 1}


def test_deletion_detaches_votes_and_removes_statements(voter_and_map):
    person, opinion_map, own, _other = voter_and_map
    section().erase(person, keep_content=False)
    assert not Statement.objects.filter(pk=own.pk).exists()
    participant = Participant.objects.get(map=opinion_map)
    assert participant.user is None
    assert participant.votes.count() == 1  # the map keeps the anonymous vote


def test_deletion_keeping_contributions_keeps_statements_without_author(voter_and_map):
    person, _map, own, _other = voter_and_map
    section().erase(person, keep_content=True)
    own.refresh_from_db()
    assert own.author is None and own.text == "More benches."
