"""A consultation needs its cohesion section before it is published (when
COHESION_SECTION_REQUIRED is true): the admin refuses to publish with a message that
says what to do, and keeps the draft."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, page, *, publish, summary="A changed summary."):
    """Post the page's own edit form back, with a changed summary."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    data["summary_en"] = summary
    for code, _name in settings.LANGUAGES:
        # The body's stream editor is drawn by JavaScript, so the HTML has no count.
        data.setdefault(f"body_{code}-count", "0")
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data, follow=True)


def live_summary(page):
    return ConsultationPage.objects.get(pk=page.pk).summary


def test_publishing_without_a_section_is_refused_and_the_draft_kept(
    client, editor, placed_consultation
):
    client.force_login(editor)
    before = live_summary(placed_consultation)
    response = submit(client, placed_consultation, publish=True)
    html = response.content.decode()
    assert "cannot be published yet" in html
    assert reverse("cohesion_sections:start_consultation", args=[placed_consultation.pk]) in html
    page = ConsultationPage.objects.get(pk=placed_consultation.pk)
    assert page.summary == before
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == "A changed summary."


def test_an_incomplete_section_does_not_count(client, editor, placed_consultation):
    from consultations.cohesion import services

    services.section_for_consultation(placed_consultation)  # groups only, no texts
    client.force_login(editor)
    submit(client, placed_consultation, publish=True)
    assert live_summary(placed_consultation) != "A changed summary."


def test_publishing_with_a_complete_section_goes_ahead(
    client, editor, placed_consultation, complete_section
):
    client.force_login(editor)
    response = submit(client, placed_consultation, publish=True)
    assert "cannot be published yet" not in response.content.decode()
    assert live_summary(placed_consultation) == "A changed summary."


def test_publishing_without_a_section_goes_ahead_when_not_required(
    client, editor, placed_consultation, settings
):
    settings.COHESION_SECTION_REQUIRED = False
    client.force_login(editor)
    response = submit(client, placed_consultation, publish=True)
    assert "cannot be published yet" not in response.content.decode()
    assert live_summary(placed_consultation) == "A changed summary."


def test_saving_a_draft_without_a_section_is_allowed(client, editor, placed_consultation):
    client.force_login(editor)
    submit(client, placed_consultation, publish=False, summary="Draft words.")
    page = ConsultationPage.objects.get(pk=placed_consultation.pk)
    assert page.get_latest_revision_as_object().summary == "Draft words."


def test_the_editor_warns_up_front_when_the_section_is_missing(client, editor, placed_consultation):
    client.force_login(editor)
    html = client.get(edit_url(placed_consultation)).content.decode()
    assert "cannot be published yet" in html


def test_staff_start_a_section_from_the_admin(client, editor, placed_consultation, groups):
    client.force_login(editor)
    url = reverse("cohesion_sections:start_consultation", args=[placed_consultation.pk])
    response = client.get(url)
    section = placed_consultation.cohesion_section
    assert response.status_code == 302
    assert response["Location"] == reverse("cohesion_sections:edit", args=[section.pk])
    assert client.get(response["Location"]).status_code == 200
    assert set(section.groups.all()) == {groups["children"], groups["teenagers"]}


def test_a_resident_cannot_start_a_section(client, placed_consultation):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    url = reverse("cohesion_sections:start_consultation", args=[placed_consultation.pk])
    assert client.get(url).status_code in (302, 403)
    from consultations.cohesion.models import CohesionSection

    assert not CohesionSection.objects.exists()
