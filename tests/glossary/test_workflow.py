"""The agreement workflow: proposed → under review → agreed (→ retired); partner
organisations endorse, object with a comment or abstain; the configured share decides."""

from fractions import Fraction

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.test import override_settings

from engage.policy.glossary import services
from engage.policy.glossary.agreement import agreement_share, needed_for, tally
from engage.policy.glossary.models import (
    AuditEntry,
    Decision,
    Endorsement,
    TermStatus,
    TermTranslation,
)
from tests.factories.accounts import UserFactory
from tests.factories.policy import PartnerOrganisationFactory

from .conftest import make_term, wording

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(db):
    return make_term(
        "community-cohesion",
        {"en": wording("community cohesion"), "fr": wording("cohésion sociale")},
        status=TermStatus.PROPOSED,
    )


def _review(term, staff):
    return services.start_review(term, by=staff)


def test_two_of_three_partners_endorsing_agree_a_term_by_default(proposed, partners, staff):
    term = _review(proposed, staff)
    (police, officer), (schools, teacher), (refugees, worker) = partners
    services.decide(term, member=officer, organisation=police, decision=Decision.ENDORSE)
    term.refresh_from_db()
    assert term.status == TermStatus.UNDER_REVIEW
    services.decide(
        term, member=worker, organisation=refugees, decision=Decision.OBJECT, comment="Too vague."
    )
    term.refresh_from_db()
    assert term.status == TermStatus.UNDER_REVIEW
    services.decide(term, member=teacher, organisation=schools, decision=Decision.ENDORSE)
    term.refresh_from_db()
    assert term.status == TermStatus.AGREED and term.agreed_at is not None
    assert set(term.translations.values_list("language", "agreed_in")) == {
        ("en", "en"),
        ("fr", "fr"),
    }
    assert AuditEntry.objects.filter(term=term, action=AuditEntry.Action.AGREED).count() == 1


def test_abstentions_count_against_agreement(proposed, partners, staff):
    term = _review(proposed, staff)
    (police, officer), (schools, teacher), _refugees = partners
    services.decide(term, member=officer, organisation=police, decision=Decision.ENDORSE)
    services.decide(term, member=teacher, organisation=schools, decision=Decision.ABSTAIN)
    term.refresh_from_db()
    result = tally(term)
    assert (result.endorse, result.abstain, result.waiting, result.needed) == (1, 1, 1, 2)
    assert term.status == TermStatus.UNDER_REVIEW


@override_settings(GLOSSARY_AGREEMENT_SHARE="1")
def test_a_unanimity_setting_needs_every_organisation(proposed, partners, staff):
    term = _review(proposed, staff)
    for organisation, member in partners[:2]:
        services.decide(term, member=member, organisation=organisation, decision=Decision.ENDORSE)
    term.refresh_from_db()
    assert term.status == TermStatus.UNDER_REVIEW
    organisation, member = partners[2]
    services.decide(term, member=member, organisation=organisation, decision=Decision.ENDORSE)
    term.refresh_from_db()
    assert term.status == TermStatus.AGREED


def test_inactive_organisations_neither_count_nor_decide(proposed, partners, staff):
    term = _review(proposed, staff)
    (police, officer), (schools, teacher), (refugees, _worker) = partners
    refugees.is_active = False
    refugees.save()
    assert tally(term).organisations == 2
    services.decide(term, member=officer, organisation=police, decision=Decision.ENDORSE)
    services.decide(term, member=teacher, organisation=schools, decision=Decision.ENDORSE)
    term.refresh_from_db()
    assert term.status == TermStatus.AGREED
    with pytest.raises(PermissionDenied):
        services.decide(term, member=_worker, organisation=refugees, decision=Decision.ENDORSE)


@pytest.mark.parametrize(
    ("raw", "expected"), [("2/3", Fraction(2, 3)), ("0.75", Fraction(3, 4)), (1, Fraction(1))]
)
def test_the_share_setting_reads_fractions_and_decimals(raw, expected):
    with override_settings(GLOSSARY_AGREEMENT_SHARE=raw):
        assert agreement_share() == expected


@pytest.mark.parametrize("raw", ["0", "1.5", "two thirds", "-1/2"])
def test_a_share_outside_zero_to_one_is_refused(raw):
    with override_settings(GLOSSARY_AGREEMENT_SHARE=raw), pytest.raises(ImproperlyConfigured):
        agreement_share()


def test_needed_endorsements_round_up():
    share = Fraction(2, 3)
    assert [needed_for(n, share) for n in (0, 1, 2, 3, 4, 5, 6)] == [0, 1, 2, 2, 3, 4, 4]


def test_an_objection_needs_a_comment(proposed, partners, staff):
    term = _review(proposed, staff)
    organisation, member = partners[0]
    with pytest.raises(ValidationError):
        services.decide(term, member=member, organisation=organisation, decision=Decision.OBJECT)
    assert not Endorsement.objects.exists()


def test_someone_outside_the_organisation_cannot_decide_for_it(proposed, partners, staff):
    term = _review(proposed, staff)
    (police, _officer), (_schools, teacher), _ = partners
    with pytest.raises(PermissionDenied):
        services.decide(term, member=teacher, organisation=police, decision=Decision.ENDORSE)
    with pytest.raises(PermissionDenied):
        services.decide(term, member=UserFactory(), organisation=police, decision=Decision.ENDORSE)


def test_nobody_decides_on_a_term_that_is_not_under_review(proposed, partners):
    organisation, member = partners[0]
    with pytest.raises(ValidationError):
        services.decide(
            proposed, member=member, organisation=organisation, decision=Decision.ENDORSE
        )


def test_a_later_decision_replaces_the_organisations_earlier_one(proposed, partners, staff):
    term = _review(proposed, staff)
    organisation, member = partners[0]
    services.decide(term, member=member, organisation=organisation, decision=Decision.ABSTAIN)
    services.decide(term, member=member, organisation=organisation, decision=Decision.ENDORSE)
    assert list(Endorsement.objects.values_list("decision", flat=True)) == [Decision.ENDORSE]


def test_an_edit_during_review_starts_a_new_revision_and_old_decisions_stop_counting(
    proposed, partners, staff
):
    term = _review(proposed, staff)
    organisation, member = partners[0]
    services.decide(term, member=member, organisation=organisation, decision=Decision.ENDORSE)
    term.refresh_from_db()
    assert tally(term).endorse == 1
    TermTranslation.objects.filter(term=term, language="en").update(definition="A new one.")
    revision = services.record_edit(term, by=staff)
    term.refresh_from_db()
    assert revision.number == term.revision == 2
    assert tally(term).endorse == 0


def test_saving_without_a_change_records_no_revision(proposed, staff):
    assert services.record_edit(proposed, by=staff) is None
    assert proposed.revisions.count() == 1


def test_editing_agreed_wording_sends_the_term_back_to_review(staff):
    term = make_term("extremism", {"en": wording("extremism"), "ar": wording("التطرف")})
    TermTranslation.objects.filter(term=term, language="ar").update(definition="تعريف جديد")
    services.record_edit(term, by=staff)
    term.refresh_from_db()
    assert term.status == TermStatus.UNDER_REVIEW
    assert AuditEntry.objects.filter(term=term, action=AuditEntry.Action.REOPENED).exists()


def test_a_translation_added_after_agreement_is_marked_as_translated(staff):
    term = make_term("extremism", {"en": wording("extremism")})
    TermTranslation.objects.create(term=term, language="so", label="xagjirnimo", definition="…")
    services.record_edit(term, by=staff)
    term.refresh_from_db()
    assert term.status == TermStatus.AGREED
    somali = term.translations.get(language="so")
    assert somali.agreed_in == "en" and not somali.agreed_in_own_language


def test_retire_and_propose_again(staff):
    term = make_term("extremism", {"en": wording("extremism")})
    services.retire(term, by=staff)
    term.refresh_from_db()
    assert term.status == TermStatus.RETIRED
    with pytest.raises(ValidationError):
        services.retire(term, by=staff)
    services.restore(term, by=staff)
    term.refresh_from_db()
    assert term.status == TermStatus.PROPOSED
    actions = set(AuditEntry.objects.filter(term=term).values_list("action", flat=True))
    assert {AuditEntry.Action.RETIRED, AuditEntry.Action.RESTORED} <= actions


def test_a_review_needs_wording_in_the_source_language(staff):
    term = make_term("x", {"fr": wording("mot")}, status=TermStatus.PROPOSED)
    with pytest.raises(ValidationError):
        services.start_review(term, by=staff)


def test_every_step_is_audited(proposed, partners, staff):
    term = _review(proposed, staff)
    organisation, member = partners[0]
    services.decide(term, member=member, organisation=organisation, decision=Decision.ENDORSE)
    services.return_to_proposed(term, by=staff)
    entries = list(AuditEntry.objects.filter(term=term).order_by("pk"))
    assert [entry.action for entry in entries] == [
        AuditEntry.Action.CREATED,
        AuditEntry.Action.REVIEW_STARTED,
        AuditEntry.Action.DECIDED,
        AuditEntry.Action.RETURNED,
    ]
    decided = entries[2]
    assert decided.user == member and decided.organisation == organisation


def test_an_organisation_that_is_not_a_partner_is_not_counted(proposed, partners, staff):
    PartnerOrganisationFactory(name="Inactive", is_active=False)
    term = _review(proposed, staff)
    assert tally(term).organisations == 3
