"""Every way of publishing checks the cohesion section: bulk publishing and submitting
to a moderation workflow (consultations), the co-signed publication of a standalone
policy decision record; and partners see only published decision records in the report."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from consultations.cohesion import services
from consultations.models import ConsultationPage
from engage.impact.models import AssessmentStatus, ImpactAssessment
from engage.impact.services import review
from engage.policy.models import PartnerGrant
from tests.factories import partner_member, with_totp

pytestmark = pytest.mark.django_db
BULK_PUBLISH = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))


def bulk_publish(client, page, include_descendants=""):
    return client.post(
        f"{BULK_PUBLISH}?id={page.pk}&next=/admin/",
        {"include_descendants": include_descendants},
        follow=True,
    )


def draft_change(page, title):
    page.title = title
    page.save_revision()


def live_title(page):
    return ConsultationPage.objects.get(pk=page.pk).title


def test_bulk_publishing_a_consultation_without_a_section_is_refused(
    client, editor, placed_consultation
):
    client.force_login(editor)
    before = live_title(placed_consultation)
    draft_change(placed_consultation, "Park plan, revised")
    response = bulk_publish(client, placed_consultation)
    assert "cannot be published yet" in response.content.decode()
    assert live_title(placed_consultation) == before


def test_bulk_publishing_a_parent_with_descendants_checks_the_draft_consultations(
    client, editor, consultation_index, placed_consultation
):
    from tests.factories import build_consultation

    draft = build_consultation(consultation_index, title="Library hours")
    ConsultationPage.objects.filter(pk=draft.pk).update(live=False)
    client.force_login(editor)
    response = bulk_publish(client, consultation_index, include_descendants="on")
    assert "cannot be published yet" in response.content.decode()
    assert not ConsultationPage.objects.get(pk=draft.pk).live


def test_bulk_publishing_with_a_complete_section_goes_ahead(
    client, editor, placed_consultation, complete_section
):
    client.force_login(editor)
    draft_change(placed_consultation, "Park plan, revised")
    response = bulk_publish(client, placed_consultation)
    assert "cannot be published yet" not in response.content.decode()
    assert live_title(placed_consultation) == "Park plan, revised"


def test_submitting_to_moderation_without_a_section_is_refused(client, editor, placed_consultation):
    from wagtail.test.utils.form_data import querydict_from_html

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[placed_consultation.pk])
    form = client.get(url).content.decode()
    data = querydict_from_html(form, form_id="page-edit-form").copy()
    data["action-submit"] = "action-submit"
    response = client.post(url, data, follow=True)
    assert "cannot be published yet" in response.content.decode()
    page = ConsultationPage.objects.get(pk=placed_consultation.pk)
    assert page.current_workflow_state is None


def signed_off_record(title="Station Square ban"):
    return ImpactAssessment.objects.create(title=title, status=AssessmentStatus.SIGNED_OFF)


def test_a_decision_record_without_a_section_is_not_published():
    record = signed_off_record()
    with pytest.raises(ValidationError, match="cannot be published yet"):
        review.publish(record, by=None)
    record.refresh_from_db()
    assert record.status == AssessmentStatus.SIGNED_OFF


def test_a_decision_record_with_a_complete_section_is_published():
    record = signed_off_record()
    section = services.section_for_decision(record)
    services.save_section(
        section, by=None, considered_en="Who uses the square.", resident_summary_en="Plain."
    )
    review.publish(record, by=None)
    record.refresh_from_db()
    assert record.status == AssessmentStatus.PUBLISHED


def test_a_decision_record_is_published_without_a_section_when_not_required(settings):
    settings.COHESION_SECTION_REQUIRED = False
    record = signed_off_record()
    review.publish(record, by=None)
    assert record.status == AssessmentStatus.PUBLISHED


def test_partners_see_only_published_decision_records_staff_see_all(client):
    from tests.factories import city_staff

    ImpactAssessment.objects.create(title="Draft curfew idea")
    ImpactAssessment.objects.create(title="Square ban decided", status=AssessmentStatus.PUBLISHED)
    partner = with_totp(partner_member(grants=[("city", PartnerGrant.Access.EXPORT)]))
    client.force_login(partner)
    for url in (reverse("cohesion:report"), reverse("cohesion:report_csv")):
        body = client.get(url).content.decode()
        assert "Square ban decided" in body
        assert "Draft curfew idea" not in body
    client.force_login(with_totp(city_staff()))
    body = client.get(reverse("cohesion:report_csv")).content.decode()
    assert "Draft curfew idea" in body


def in_moderation(page, editor):
    """`page` submitted to a one-step workflow, with a change waiting for approval (the
    last approval publishes it)."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    task = GroupApprovalTask.objects.create(name="Approve consultations")
    task.groups.set([Group.objects.get_or_create(name="Moderators")[0]])
    workflow = Workflow.objects.create(name="Consultations")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    draft_change(page, "Park plan, awaiting approval")
    workflow.start(page, editor)
    return ConsultationPage.objects.get(pk=page.pk)


def approve_from_the_dashboard(client, page):
    """Wagtail's approve modal, as the dashboard and the page listing post it."""
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})


def test_approving_from_the_dashboard_without_a_section_is_refused(
    client, editor, placed_consultation
):
    before = live_title(placed_consultation)
    page = in_moderation(placed_consultation, editor)
    client.force_login(editor)
    response = approve_from_the_dashboard(client, page)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert response.json() == {"step": "success", "redirect": edit_url}
    assert "cannot be published yet" in client.get(edit_url).content.decode()
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.current_workflow_task_state.status == "in_progress"
    assert live_title(page) == before


def test_approving_from_the_dashboard_with_a_complete_section_publishes(
    client, editor, placed_consultation, complete_section
):
    page = in_moderation(placed_consultation, editor)
    client.force_login(editor)
    response = approve_from_the_dashboard(client, page)
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    assert live_title(page) == "Park plan, awaiting approval"
    assert ConsultationPage.objects.get(pk=page.pk).current_workflow_state is None


def test_approving_in_the_page_editor_without_a_section_is_refused(
    client, editor, placed_consultation
):
    from wagtail.test.utils.form_data import querydict_from_html

    before = live_title(placed_consultation)
    page = in_moderation(placed_consultation, editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form").copy()
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = "{}"
    response = client.post(url, data, follow=True)
    assert "cannot be published yet" in response.content.decode()
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.current_workflow_task_state.status == "in_progress"
    assert live_title(page) == before


def test_someone_who_may_not_approve_gets_wagtails_refusal_and_no_hook_message(
    client, editor, placed_consultation
):
    from django.contrib.auth.models import Group, Permission
    from django.contrib.messages import get_messages

    from tests.factories import UserFactory

    page = in_moderation(placed_consultation, editor)
    outsider = with_totp(UserFactory(is_staff=True))
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    outsider.groups.add(group)
    client.force_login(outsider)
    response = approve_from_the_dashboard(client, page)
    assert response.status_code in (302, 403)
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert not [text for text in said if "cannot be published yet" in text]
    page = ConsultationPage.objects.get(pk=page.pk)
    assert page.current_workflow_task_state.status == "in_progress"
