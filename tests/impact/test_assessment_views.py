"""The staff editor, the leaders' review page and the published summary."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from engage.impact import services
from engage.impact.models import AssessmentStatus
from tests.factories import UserFactory, city_staff, partner_member, with_totp
from tests.impact.assessment_fixtures import age_dimension, framed_consultation, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(consultation):
    dimension, groups = age_dimension()
    person = framed_consultation(consultation, groups)
    officer = staff()
    assessment = services.create_assessment(
        subject_scope=f"consultation:{consultation.pk}", dimensions=[dimension], created_by=officer
    )
    return {"assessment": assessment, "leader": person, "staff": officer, "groups": groups}


def login(client, user):
    client.force_login(user)
    return client


def grid_post(assessment, changes):
    rows = list(assessment.rows.select_related("category"))
    data = {
        "action": "save_rows",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(len(rows)),
    }
    for i, row in enumerate(rows):
        values = {"impact": "", "rationale": "", "evidence": "", "confidence": "low"}
        values.update(changes.get(row.category.name, {}))
        data[f"rows-{i}-row"] = str(row.pk)
        for key, value in values.items():
            data[f"rows-{i}-{key}"] = value
    return data


def test_staff_fill_the_grid_and_see_the_warnings(client, world):
    assessment = world["assessment"]
    url = reverse("impact:assessment_edit", args=[assessment.pk])
    login(client, world["staff"])
    response = client.post(
        url,
        grid_post(
            assessment,
            {
                "Children": {"impact": "2", "rationale": "Play area", "confidence": "high"},
                "Older": {"impact": "-1", "evidence": "Benches | https://example.org/b"},
            },
        ),
    )
    assert response.status_code == 302
    rows = {row.category.name: row for row in assessment.rows.select_related("category")}
    assert rows["Children"].impact == 2 and rows["Children"].confidence == "high"
    assert rows["Older"].evidence == [{"title": "Benches", "url": "https://example.org/b"}]
    html = client.get(url).content.decode()
    assert "Winners and losers" in html
    assert "Harm to groups not directly affected" in html
    assert 'for="id_rows-0-impact"' in html and "Expected impact on Children" in html


def test_a_bad_row_is_refused_with_its_group_named(client, world):
    assessment = world["assessment"]
    login(client, world["staff"])
    response = client.post(
        reverse("impact:assessment_edit", args=[assessment.pk]),
        grid_post(assessment, {"Parents": {"impact": "7", "evidence": "not a link"}}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and "Parents:" in html
    assert not assessment.rows.exclude(impact=None).exists()


def test_send_for_review_sign_on_the_review_page_and_publish(client, world):
    assessment, person = world["assessment"], world["leader"]
    edit = reverse("impact:assessment_edit", args=[assessment.pk])
    review = reverse("impact:assessment_review", args=[assessment.pk])
    login(client, world["staff"])
    assert client.post(edit, {"action": "submit", "version-note": "v1"}).status_code == 302
    login(client, person)
    page = client.get(review)
    assert page.status_code == 200 and "Send my answer on version 1" in page.content.decode()
    response = client.post(
        review, {"action": "sign_off", "signoff-decision": "approve", "signoff-note": ""}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF
    login(client, world["staff"])
    assert client.post(edit, {"action": "publish"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PUBLISHED


def test_leaders_comment_but_do_not_edit(client, world):
    assessment, person = world["assessment"], world["leader"]
    login(client, person)
    assert client.get(reverse("impact:assessment_edit", args=[assessment.pk])).status_code == 403
    response = client.post(
        reverse("impact:assessment_review", args=[assessment.pk]),
        {
            "action": "comment",
            "comment-body": "Ask the youth club",
            "comment-category": str(world["groups"]["Children"].pk),
        },
    )
    assert response.status_code == 302
    assert assessment.comments.get().category == world["groups"]["Children"]
    # Not in review: no sign-off possible.
    refused = client.post(
        reverse("impact:assessment_review", args=[assessment.pk]),
        {"action": "sign_off", "signoff-decision": "approve"},
    )
    assert refused.status_code == 403


@pytest.mark.parametrize("who", ["resident", "staff_without_totp", "other_partner"])
def test_others_see_neither_editor_nor_review(client, world, who, consultation):
    user = {
        "resident": lambda: UserFactory(),
        "staff_without_totp": lambda: city_staff(),
        "other_partner": lambda: partner_member(grants=[("consultation:999999", "view_reports")]),
    }[who]()
    login(client, user)
    pk = world["assessment"].pk
    assert client.get(reverse("impact:assessment_edit", args=[pk])).status_code in (302, 403)
    assert client.get(reverse("impact:assessment_review", args=[pk])).status_code in (302, 403)
    assert client.get(reverse("impact:assessment_summary", args=[pk])).status_code in (302, 404)


def test_residents_see_the_summary_only_once_published(client, world, consultation):
    assessment = world["assessment"]
    url = reverse("impact:assessment_summary", args=[assessment.pk])
    assert client.get(url).status_code == 404
    officer, person = world["staff"], world["leader"]
    services.update_row(assessment.rows.first(), impact=1, rationale="Safer crossing")
    services.submit_for_review(assessment, by=officer)
    services.sign_off(assessment, user=person, decision="approve")
    assessment.refresh_from_db()
    # Signed off but not yet published: still hidden; its consultation lists nothing.
    assert client.get(url).status_code == 404
    include = Template("{% load impact_tags %}{% impact_summaries page %}")
    assert "Impact on communities" not in include.render(Context({"page": consultation}))
    services.publish(assessment, by=officer)
    html = client.get(url).content.decode()
    assert "Safer crossing" in html and "positive (+1)" in html
    assert url in include.render(Context({"page": consultation}))


def test_staff_create_an_assessment_from_the_form(client, consultation):
    dimension, _groups = age_dimension()
    login(client, staff())
    url = reverse("impact:assessment_create")
    bad = client.post(url, {"subject_scope": "consultation:999999", "dimensions": [dimension.pk]})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()
    response = client.post(
        url, {"subject_scope": f"consultation:{consultation.pk}", "dimensions": [dimension.pk]}
    )
    assert response.status_code == 302
    listing = client.get(reverse("impact:assessments")).content.decode()
    assert consultation.title in listing


def test_partner_with_a_grant_on_the_consultation_reads_the_review_page(
    client, world, consultation
):
    services.add_comment(world["assessment"], author=world["leader"], body="Ask the youth club")
    member = with_totp(partner_member(grants=[(f"consultation:{consultation.pk}", "view_reports")]))
    login(client, member)
    review = reverse("impact:assessment_review", args=[world["assessment"].pk])
    page = client.get(review)
    assert page.status_code == 200
    # The grid, not who said or signed what: that is for staff and the leaders.
    assert "Ask the youth club" not in page.content.decode()
    assert world["leader"].email not in page.content.decode()
    assert client.post(review, {"action": "comment", "comment-body": "x"}).status_code == 403


def test_the_api_gives_the_summary_once_published_and_before_only_to_viewers(client, world):
    assessment, officer, person = world["assessment"], world["staff"], world["leader"]
    path = f"/api/v1/impact/assessments/{assessment.pk}"
    services.update_row(assessment.rows.first(), impact=-1, rationale="Noise")
    services.submit_for_review(assessment, by=officer)
    assert client.get(path).status_code == 404
    login(client, person)
    body = client.get(path).json()
    assert body["status"] == "in_review" and body["version"] == 1
    assert [row["impact"] for row in body["rows"] if row["rationale"] == "Noise"] == [-1]
    client.logout()
    services.sign_off(assessment, user=person, decision="approve")
    assessment.refresh_from_db()
    services.publish(assessment, by=officer)
    body = client.get(path).json()
    assert body["status"] == "published" and len(body["rows"]) == 3
    assert client.get("/api/v1/impact/assessments/999999").status_code == 404


def test_saving_the_grid_says_how_many_rows_in_a_plural_sentence(client, world):
    login(client, world["staff"])
    assessment = world["assessment"]
    row = assessment.rows.select_related("category").order_by("pk").first()
    response = client.post(
        reverse("impact:assessment_edit", args=[assessment.pk]),
        grid_post(assessment, {row.category.name: {"impact": "1"}}),
        follow=True,
    )
    assert "1 row saved." in response.content.decode()
