"""The equality impact assessment export: filled from the assessment, the perceived
impact, the register; structured by the nine protected characteristics and the three
PSED aims; both files open; every download audited; only staff and exporting partners."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from docx import Document

from consultations.engagement.models import SurveyAnswer, SurveyOption, SurveyResponse
from consultations.engagement.perceived_impact import (
    add_perceived_impact_questions,
    perceived_impact,
)
from engage.impact import subjects
from engage.impact.eia.content import CHARACTERISTICS, PSED_AIMS, eia_document
from engage.impact.eia.docx import eia_docx
from engage.impact.eia.pdf import eia_pdf
from engage.impact.eia.views import eia_export
from engage.impact.models import Consequence, ConsequenceCategory
from engage.impact.services.assessments import create_assessment, update_row
from engage.policy.models import ExportRecord, PartnerGrant
from tests.factories import (
    CategoryFactory,
    DeclarationConsentFactory,
    DeclarationFactory,
    DimensionFactory,
    UserFactory,
    build_consultation,
    city_staff,
    partner_member,
    with_totp,
)
from tests.factories.engagement import SurveyFactory

pytestmark = pytest.mark.django_db

KIND = "eia-test"


@pytest.fixture
def subject_kind(consultation_index):
    """A subject kind for these tests whose perceived impact is the real one of a real
    consultation (the consultations app's own provider is tested in test_subjects)."""
    consultation = build_consultation(consultation_index, title="Riverside park")

    def provider(key):
        return subjects.Subject(
            scope=f"{KIND}:{key}",
            title="Riverside park",
            perceived_impact=lambda dimension: perceived_impact(consultation, dimension),
        )

    subjects.register_subject_kind(KIND, provider)
    yield consultation
    subjects._PROVIDERS.pop(KIND, None)


@pytest.fixture
def assessment(settings, subject_kind):
    settings.SMALL_CELL_THRESHOLD = 1
    age = DimensionFactory(slug="age-band", name="Age band")
    young = CategoryFactory(dimension=age, name="Under 25")
    older = CategoryFactory(dimension=age, name="Over 65")
    religion = DimensionFactory(slug="religion", name="Religion")
    CategoryFactory(dimension=religion, name="Buddhist")
    staff = with_totp(city_staff())
    assessment = create_assessment(
        dimensions=[age, religion], created_by=staff, subject_scope=f"{KIND}:1"
    )
    update_row(
        assessment.rows.get(category=young), impact=-1, rationale="Fewer benches by the river"
    )
    update_row(assessment.rows.get(category=older), impact=2, rationale="Step-free paths")
    # One consented resident over 65 says it would affect people like them positively.
    survey = SurveyFactory(consultation=subject_kind)
    question = add_perceived_impact_questions(survey)[0]
    resident = UserFactory()
    DeclarationConsentFactory(user=resident)
    DeclarationFactory(user=resident, category=older)
    response = SurveyResponse.objects.create(survey=survey, user=resident)
    SurveyAnswer.objects.create(
        response=response,
        question=question,
        option=SurveyOption.objects.get(question=question, impact_value=2),
    )
    Consequence.objects.create(
        assessment=assessment,
        description="Tension between skaters and older walkers",
        category=ConsequenceCategory.SOCIAL_COHESION,
        likelihood=3,
        severity=2,
        review_date="2026-06-01",
    )
    return assessment


def docx_text(data):
    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def pdf_outline(data):
    """The titles of the PDF's bookmarks (its outline), read from the file."""
    return [
        title.decode("latin-1").replace("\\(", "(").replace("\\)", ")")
        for title in re.findall(rb"/Title \(((?:[^()\\]|\\.)*)\)", data)
    ]


def test_the_document_is_filled_from_the_assessment_perceived_impact_and_register(assessment):
    document = eia_document(assessment)
    assert [section.title for section in document.characteristics] == [
        str(label) for _code, label in CHARACTERISTICS
    ]
    age = document.characteristics[0]
    assert age.dimensions == ["Age band"]
    lines = {line.group: line for line in age.groups}
    assert lines["Under 25"].rationale == "Fewer benches by the river"
    assert lines["Over 65"].perceived_self == "mean +2.00 from 1 people"
    # Disability is not covered by any dimension of the assessment: said, not left blank.
    assert "does not cover this characteristic" in document.characteristics[1].notes[0]
    religion = document.characteristics[6]
    assert [line.group for line in religion.groups] == ["Buddhist"]
    eliminate, advance, foster = document.aims
    assert any("Under 25" in note for note in eliminate.notes)
    assert any("Over 65" in note for note in advance.notes)
    assert any("skaters" in note for note in foster.notes)
    assert document.register[0].score == 6


def test_both_files_open_and_hold_each_characteristic_and_aim(assessment):
    document = eia_document(assessment)
    text = docx_text(eia_docx(document))
    for _code, label in (*CHARACTERISTICS, *PSED_AIMS):
        assert str(label) in text
    assert "Fewer benches by the river" in text
    assert "Tension between skaters and older walkers" in text

    pdf = eia_pdf(document)
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    outline = pdf_outline(pdf)
    for _code, label in CHARACTERISTICS:
        assert str(label) in outline
    assert sum(1 for title in outline if title.startswith(("Eliminate", "Advance", "Foster"))) == 3


def call(user, assessment, fmt):
    request = RequestFactory().get("/")
    request.user = user
    return eia_export(request, pk=assessment.pk, fmt=fmt)


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_staff_download_and_each_download_is_audited(settings, assessment, fmt, content_type):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    staff = with_totp(city_staff())
    response = call(staff, assessment, fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    record = ExportRecord.objects.get()
    assert (record.user, record.kind, record.scope, record.export_format) == (
        staff,
        "equality_impact_assessment",
        f"{KIND}:1",
        fmt,
    )


def test_residents_staff_without_two_factor_and_viewing_partners_are_refused(settings, assessment):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    viewer = with_totp(partner_member(grants=[("city", PartnerGrant.Access.VIEW_REPORTS)]))
    for user in (UserFactory(), city_staff(), viewer):
        with pytest.raises(PermissionDenied):
            call(user, assessment, "pdf")
    assert not ExportRecord.objects.exists()


def test_a_partner_with_an_export_grant_downloads_a_standalone_assessment(settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    dimension = DimensionFactory(slug="sex", name="Sex")
    CategoryFactory(dimension=dimension, name="Female")
    standalone = create_assessment(
        dimensions=[dimension], created_by=city_staff(), title="Closing the late bus"
    )
    exporter = with_totp(partner_member(grants=[("city", PartnerGrant.Access.EXPORT)]))
    assert call(exporter, standalone, "docx").status_code == 200
    assert ExportRecord.objects.get().scope == f"assessment:{standalone.pk}"
    text = docx_text(call(exporter, standalone, "docx").content)
    assert "A policy decision without a consultation" in text
    assert "Female" in text


def test_an_unknown_format_is_not_found(assessment):
    with pytest.raises(Http404):
        call(with_totp(city_staff()), assessment, "odt")


def test_participation_comes_from_the_publishable_representation_report(
    settings, consultation_index
):
    """A consultation's assessment shows each group's participation against the
    baseline; a group absent from the consultation is named under the second aim."""
    from engage.communities.models import Participation
    from engage.impact.models import ImpactAssessment
    from tests.factories import AreaFactory, BaselineShareFactory

    settings.SMALL_CELL_THRESHOLD = 3
    settings.REPRESENTATION_MIN_DECLARED = 1
    consultation = build_consultation(consultation_index, title="Late buses")
    city = AreaFactory(code="CITY1", name="City")
    sex = DimensionFactory(slug="sex", name="Sex")
    female = CategoryFactory(dimension=sex, slug="female", name="Female")
    male = CategoryFactory(dimension=sex, slug="male", name="Male")
    BaselineShareFactory(area=city, category=female, share="0.5")
    BaselineShareFactory(area=city, category=male, share="0.5")
    for _ in range(12):
        person = UserFactory()
        DeclarationConsentFactory(user=person)
        DeclarationFactory(user=person, category=female)
        Participation.objects.create(
            user=person, scope_type="consultation", scope_id=str(consultation.pk)
        )
    assessment = ImpactAssessment.objects.create(
        title="Late buses", subject_scope=f"consultation:{consultation.pk}"
    )
    assessment.dimensions.set([sex])

    document = eia_document(assessment)

    lines = {line.group: line for line in document.characteristics[7].groups}
    assert lines["Female"].participation.startswith("12 – ")
    assert lines["Male"].participation_flag == "absent"
    advance = document.aims[1]
    assert any("Male (Sex) took part less" in note for note in advance.notes)
