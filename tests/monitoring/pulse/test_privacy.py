"""A person's pulse responses in "download my data", and what account deletion does."""

import pytest

from engage.accounts.privacy import registry
from engage.monitoring.pulse.models import Answer, Response
from engage.monitoring.pulse.privacy import erase
from tests.factories.accounts import UserFactory

from .conftest import answer

pytestmark = pytest.mark.django_db


def _section():
    return next(section for section in registry.sections() if section.key == "pulse")


def test_the_download_holds_the_persons_own_responses_only(wave):
    person, other = UserFactory(), UserFactory()
    answer(wave, {"trust": "tend_to_agree"}, user=person)
    answer(wave, {"trust": "definitely_disagree"}, user=other)
    tables = {table.name: table.dump(person) for table in _section().tables}
    assert [row["user_id"] for row in tables["pulse_responses"]] == [person.pk]
    assert [row["value"] for row in tables["pulse_answers"]] == ["tend_to_agree"]


def test_deletion_anonymises_when_contributions_are_kept_and_deletes_otherwise(wave):
    kept, gone = UserFactory(), UserFactory()
    answer(wave, {"trust": "tend_to_agree"}, user=kept)
    answer(wave, {"trust": "tend_to_agree"}, user=gone)
    erase(kept, keep_content=True)
    erase(gone, keep_content=False)
    assert Response.objects.filter(user__isnull=True).count() == 1
    assert not Response.objects.filter(user__in=[kept, gone]).exists()
    assert Answer.objects.count() == 1
