"""Concurrent clicks on PostgreSQL: many threads, one person, one target, one row."""

import threading

import pytest
from django.db import connection, connections

from consultations.engagement.models import Reaction, SurveyResponse
from consultations.engagement.services import react, submit_survey
from engage.communities.models import Participation
from tests.factories import UserFactory

from .conftest import good_answers

pytestmark = [
    pytest.mark.postgres,
    # serialized_rollback like every transactional test here: the data migrations' rows
    # (Wagtail root page, role groups) are restored for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def run_together(work, count=THREADS):
    """Run `work(n)` in `count` threads released at the same moment; re-raise errors."""
    barrier = threading.Barrier(count)
    errors = []

    def runner(n):
        try:
            barrier.wait(timeout=10)
            work(n)
        except Exception as error:  # noqa: BLE001 - collected, failed on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors


def test_concurrent_reactions_by_one_person_leave_one_row(proposal, comment):
    assert connection.vendor == "postgresql"
    person = UserFactory()
    values = ["support", "oppose", "unsure"]

    def click(n):
        react(person, proposal, values[n % 3])
        react(person, comment, values[n % 3])

    run_together(click)
    assert Reaction.objects.filter(user=person, proposal=proposal).count() == 1
    assert Reaction.objects.filter(user=person, comment=comment).count() == 1
    assert Participation.objects.filter(user=person, scope_type="consultation").count() == 1
    counts = Reaction.objects.counts_for(proposal)
    assert sum(counts.values()) == 1


def test_concurrent_reactions_by_many_people_are_all_counted(proposal):
    people = [UserFactory() for _n in range(THREADS)]

    def click(n):
        react(people[n], proposal, "support")

    run_together(click)
    assert Reaction.objects.counts_for(proposal) == {"support": THREADS, "oppose": 0, "unsure": 0}


def test_concurrent_survey_submissions_leave_one_response(survey):
    person = UserFactory()

    def send(n):
        submit_survey(person, survey, good_answers(survey))

    run_together(send, count=4)
    assert SurveyResponse.objects.filter(user=person).count() == 1
    response = SurveyResponse.objects.get(user=person)
    assert response.answers.count() == 5  # daily, benches, lights, scale, text
