"""Consented self-declaration: no declaration without consent; withdrawal deletes at
once and changes the report; retention purges people who stopped taking part."""

import datetime

import pytest
from django.utils import timezone

from engage.communities import services
from engage.communities.models import Action, Declaration, DeclarationConsent, Participation
from engage.communities.representation import representation_report
from engage.communities.scopes import Scope
from tests.factories import UserFactory

SCOPE = Scope.parse("proposal:3")


@pytest.fixture
def sex(city):
    city.dimension("sex", {"female": 0.5, "male": 0.5})
    return city


@pytest.mark.django_db
class TestConsent:
    def test_declaring_without_consent_is_refused(self, sex, resident):
        with pytest.raises(services.ConsentRequired):
            services.declare(resident, sex.dimensions["sex"], sex.categories["sex", "female"])
        assert not Declaration.objects.exists()

    def test_consent_records_versions_and_time(self, resident, settings):
        settings.DECLARATION_PRIVACY_NOTICE_VERSION = "2026-03"
        consent = services.give_consent(resident, purpose_version="2")
        assert (consent.privacy_notice_version, consent.purpose_version) == ("2026-03", "2")
        assert consent.given_at is not None and consent.is_active
        assert services.give_consent(resident) == consent  # no second active record

    def test_prefer_not_to_say_and_one_answer_per_dimension(self, sex, resident):
        services.give_consent(resident)
        services.declare(resident, sex.dimensions["sex"], sex.categories["sex", "female"])
        services.declare(resident, "sex", None)
        declaration = Declaration.objects.get()
        assert declaration.category is None
        assert "Person" not in str(declaration) and resident.email not in str(declaration)

    def test_withdrawal_deletes_declarations_and_changes_the_report(
        self, sex, django_capture_on_commit_callbacks
    ):
        people = [UserFactory() for _ in range(3)]
        with django_capture_on_commit_callbacks(execute=True):
            for person in people:
                services.record_participation(person, Action.COMMENTED, SCOPE)
                services.give_consent(person)
                services.declare(person, "sex", sex.categories["sex", "female"])
        assert representation_report(SCOPE).dimensions[0].declared == 3
        with django_capture_on_commit_callbacks(execute=True):
            deleted = services.withdraw_consent(people[0])
        assert deleted == 1
        assert not Declaration.objects.filter(user=people[0]).exists()
        assert DeclarationConsent.objects.get(user=people[0]).withdrawn_at is not None
        report = representation_report(SCOPE)
        assert report.dimensions[0].declared == 2
        assert report.participants == 3
        with pytest.raises(services.ConsentRequired):
            services.declare(people[0], "sex", None)

    def test_withdrawal_is_one_transaction(self, sex, resident, monkeypatch):
        services.give_consent(resident)
        services.declare(resident, "sex", None)

        def fail(*args, **kwargs):
            raise RuntimeError("database went away")

        monkeypatch.setattr(services.report_cache, "invalidate_declarations_on_commit", fail)
        with pytest.raises(RuntimeError):
            services.withdraw_consent(resident)
        assert services.active_consent(resident) is not None
        assert Declaration.objects.filter(user=resident).exists()


@pytest.mark.django_db
class TestRetention:
    def test_declarations_of_people_who_stopped_taking_part_are_purged(self, sex, settings):
        settings.DECLARATION_RETENTION_DAYS = 365
        long_ago = timezone.now() - datetime.timedelta(days=400)
        active, lapsed, newcomer = UserFactory(), UserFactory(), UserFactory()
        for person in (active, lapsed, newcomer):
            services.give_consent(person)
            services.declare(person, "sex", None)
        Declaration.objects.filter(user__in=[active, lapsed]).update(declared_at=long_ago)
        services.record_participation(active, Action.COMMENTED, SCOPE)
        services.record_participation(lapsed, Action.COMMENTED, SCOPE)
        Participation.objects.filter(user=lapsed).update(last_at=long_ago)
        assert services.purge_expired_declarations() == 1
        assert set(Declaration.objects.values_list("user", flat=True)) == {
            active.pk,
            newcomer.pk,
        }

    def test_the_task_purges(self, sex, settings):
        from engage.communities.tasks import purge_expired_declarations_task

        settings.DECLARATION_RETENTION_DAYS = 0
        person = UserFactory()
        services.give_consent(person)
        services.declare(person, "sex", None)
        Declaration.objects.update(declared_at=timezone.now() - datetime.timedelta(days=1))
        purge_expired_declarations_task.enqueue()
        assert not Declaration.objects.exists()
