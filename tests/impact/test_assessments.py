"""The assessment services: a row for every group, edits, versions, leaders'
co-signature and publishing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from engage.impact import services
from engage.impact.models import AssessmentStatus, ExpectedImpact
from engage.policy.models import PolicyArea
from tests.factories import CategoryFactory, DimensionFactory, UserFactory
from tests.impact.assessment_fixtures import age_dimension, framed_consultation, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(consultation):
    dimension, groups = age_dimension()
    person = framed_consultation(consultation, groups)
    officer = staff()
    assessment = services.create_assessment(
        subject_scope=f"consultation:{consultation.pk}", dimensions=[dimension], created_by=officer
    )
    return assessment, groups, person, officer


def rows_by_name(assessment):
    return {row.category.name: row for row in assessment.rows.select_related("category")}


def test_a_consultation_assessment_has_every_group_marked_and_its_leaders(setup, consultation):
    assessment, groups, person, _officer = setup
    rows = rows_by_name(assessment)
    assert set(rows) == {"Children", "Parents", "Older"}
    assert rows["Children"].directly_affected and not rows["Children"].wider_audience
    assert rows["Parents"].wider_audience and not rows["Parents"].directly_affected
    assert not rows["Older"].directly_affected and not rows["Older"].wider_audience
    assert all(row.impact is None for row in rows.values())
    assert assessment.title == consultation.title
    assert assessment.subject_scope == f"consultation:{consultation.pk}"
    assert list(assessment.leaders.all()) == [person]
    assert assessment.status == AssessmentStatus.DRAFT


def test_narrower_groups_and_every_chosen_dimension_get_rows():
    dimension = DimensionFactory(name="Religion")
    broad = CategoryFactory(dimension=dimension, name="Christian")
    CategoryFactory(dimension=dimension, name="Catholic", broader=broad)
    other, _groups = age_dimension()
    assessment = services.create_assessment(
        title="Close the library on Sundays", dimensions=[dimension, other], created_by=staff()
    )
    assert assessment.rows.count() == 5
    assert assessment.subject_scope == ""


def test_the_policy_area_defaults_to_the_consultations(consultation):
    area = PolicyArea.objects.create(name="Parks", slug="parks")
    consultation.policy_area = area
    consultation.save_revision().publish()
    dimension, _groups = age_dimension()
    assessment = services.create_assessment(
        subject_scope=f"consultation:{consultation.pk}", dimensions=[dimension], created_by=None
    )
    assert assessment.policy_area == area


@pytest.mark.parametrize(
    "kwargs",
    [
        {"title": "No dimension", "dimensions": []},
        {"title": "", "dimensions": "age"},
        {"subject_scope": "consultation:999999", "dimensions": "age"},
    ],
)
def test_creating_refuses_missing_dimensions_titles_or_subjects(kwargs):
    dimension, _groups = age_dimension()
    if kwargs["dimensions"] == "age":
        kwargs["dimensions"] = [dimension]
    with pytest.raises(ValidationError):
        services.create_assessment(created_by=None, **kwargs)


def test_a_row_is_saved_with_evidence_and_checked(setup):
    assessment, _groups, _person, _officer = setup
    row = rows_by_name(assessment)["Older"]
    evidence = services.parse_evidence("Survey 2025 | https://example.org/s\nhttps://example.org/x")
    services.update_row(
        row, impact=-1, rationale=" Fewer benches ", evidence=evidence, confidence="high"
    )
    row.refresh_from_db()
    assert (row.impact, row.rationale, row.confidence) == (-1, "Fewer benches", "high")
    assert row.evidence == [
        {"title": "Survey 2025", "url": "https://example.org/s"},
        {"title": "https://example.org/x", "url": "https://example.org/x"},
    ]
    with pytest.raises(ValidationError):
        services.update_row(row, impact=3)
    with pytest.raises(ValidationError):
        services.update_row(row, impact=1, confidence="certain")


def test_evidence_that_is_not_a_web_address_names_its_line():
    with pytest.raises(ValidationError, match="Line 2"):
        services.parse_evidence("ok | https://example.org\nnotes | javascript:alert(1)")


def test_versions_are_numbered_and_keep_their_snapshot(setup):
    assessment, _groups, _person, officer = setup
    row = rows_by_name(assessment)["Children"]
    services.update_row(row, impact=2, rationale="New play area")
    first = services.save_version(assessment, by=officer, note="first")
    services.update_row(row, impact=1, rationale="Smaller play area")
    second = services.save_version(assessment, by=officer)
    assert (first.number, second.number) == (1, 2)
    assessment.refresh_from_db()
    assert assessment.version == 2
    [children] = [r for r in first.snapshot["rows"] if r["category"] == "Children"]
    assert children["impact"] == 2 and children["directly_affected"] is True
    assert [r["impact"] for r in second.snapshot["rows"] if r["category"] == "Children"] == [1]


def test_leaders_co_sign_then_staff_publish(setup):
    assessment, _groups, person, officer = setup
    with pytest.raises(ValidationError):
        services.publish(assessment, by=officer)
    version = services.submit_for_review(assessment, by=officer)
    assert assessment.status == AssessmentStatus.IN_REVIEW
    services.sign_off(assessment, user=person, decision="decline", note="Older people?")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_REVIEW
    services.sign_off(assessment, user=person, decision="approve", version=version)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF
    assert version.signoffs.get().decision == "approve"
    services.publish(assessment, by=officer)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED and assessment.published_at
    with pytest.raises(ValidationError):
        services.update_row(assessment.rows.first(), impact=1)


def test_only_leaders_sign_and_only_the_latest_version_while_in_review(setup):
    assessment, _groups, person, officer = setup
    with pytest.raises(ValidationError):
        services.sign_off(assessment, user=person, decision="approve")
    old = services.submit_for_review(assessment, by=officer)
    with pytest.raises(PermissionDenied):
        services.sign_off(assessment, user=UserFactory(), decision="approve")
    with pytest.raises(PermissionDenied):
        services.sign_off(assessment, user=officer, decision="approve")
    services.submit_for_review(assessment, by=officer)
    with pytest.raises(ValidationError, match="replaced"):
        services.sign_off(assessment, user=person, decision="approve", version=old)
    with pytest.raises(ValidationError):
        services.sign_off(assessment, user=person, decision="maybe")


def test_an_edit_after_sign_off_returns_to_draft_and_needs_a_new_review(setup):
    assessment, _groups, person, officer = setup
    services.submit_for_review(assessment, by=officer)
    services.sign_off(assessment, user=person, decision="approve")
    row = ExpectedImpact.objects.filter(assessment=assessment).first()
    services.update_row(row, impact=-2)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    with pytest.raises(ValidationError):
        services.publish(assessment, by=officer)


def test_review_needs_a_leader(setup):
    assessment, _groups, _person, officer = setup
    assessment.leaders.clear()
    with pytest.raises(ValidationError):
        services.submit_for_review(assessment, by=officer)


def test_comments_on_the_whole_or_one_group_of_the_assessment(setup):
    assessment, groups, person, _officer = setup
    comment = services.add_comment(
        assessment, author=person, body="Ask the youth club", category=groups["Children"]
    )
    assert comment.category == groups["Children"] and comment.version is None
    with pytest.raises(ValidationError):
        services.add_comment(assessment, author=person, body="  ")
    with pytest.raises(ValidationError):
        services.add_comment(assessment, author=person, body="x", category=CategoryFactory())


def test_a_policy_areas_risk_weight_stays_within_0_to_5_or_empty():
    from django.db import IntegrityError, transaction

    area = PolicyArea.objects.create(name="Housing", slug="housing")
    assert area.risk_weight is None  # not assessed yet, not zero
    area.risk_weight = 6
    with pytest.raises(ValidationError):
        area.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyArea.objects.filter(pk=area.pk).update(risk_weight=6)
    area.risk_weight, area.risk_rationale = 4, "Housing allocation is contested."
    area.full_clean()
    area.save()
    officer = staff()
    area.lead_officer = officer
    area.save()
    assert list(officer.led_policy_areas.all()) == [area]


def test_a_row_saved_from_a_page_opened_before_publishing_is_refused(setup):
    """The editor's copy of the assessment is stale once someone publishes: the save
    reads the status again under a lock, so it cannot send the assessment back to draft."""
    assessment, _groups, person, officer = setup
    stale_row = assessment.rows.select_related("assessment").first()  # the page opens
    version = services.submit_for_review(assessment, by=officer)
    services.sign_off(assessment, user=person, decision="approve", version=version)
    assessment.refresh_from_db()
    services.publish(assessment, by=officer)  # someone else publishes meanwhile

    with pytest.raises(ValidationError):
        services.update_row(stale_row, impact=-2)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED
    stale_row.refresh_from_db()
    assert stale_row.impact != -2


def test_a_consultation_assessment_takes_the_consultations_title_in_every_language(consultation):
    from django.utils import translation

    consultation.title_ar = "حديقة النهر"
    consultation.title_fr = "Parc de la rivière"
    consultation.save_revision().publish()
    dimension, _groups = age_dimension()
    with translation.override("fr"):
        assessment = services.create_assessment(
            subject_scope=f"consultation:{consultation.pk}", dimensions=[dimension], created_by=None
        )
    assessment.refresh_from_db()
    for language, title in [
        ("en", consultation.title_en),
        ("ar", "حديقة النهر"),
        ("fr", "Parc de la rivière"),
    ]:
        with translation.override(language):
            assert assessment.title == title


def test_a_standalone_title_is_the_writers_and_the_default_languages():
    from django.utils import translation

    dimension, _groups = age_dimension()
    with translation.override("ar"):
        assessment = services.create_assessment(
            title="إغلاق المكتبة أيام الأحد", dimensions=[dimension], created_by=staff()
        )
    assessment.refresh_from_db()
    assert assessment.title_ar == assessment.title_en == "إغلاق المكتبة أيام الأحد"
    with translation.override("pl"):  # falls back to the default language
        assert assessment.title == "إغلاق المكتبة أيام الأحد"
