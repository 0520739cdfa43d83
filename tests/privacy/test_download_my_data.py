""" "Download my data": everything about the person, nothing about anyone else, only for
them, audited; large files are built in the background and expire."""

import datetime
import json
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from engage.accounts.models import PersonalDataExport, PersonalDataExportStatus
from engage.accounts.privacy import exports, registry
from engage.policy.models import ExportRecord
from tests import factories

pytestmark = pytest.mark.django_db


def test_small_accounts_download_everything_about_them_at_once(client, person):
    client.force_login(person.user)
    response = client.post(reverse("privacy:download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    text = response.content.decode()
    assert data["account"]["email"] == "dana@example.org"
    sections = data["sections"]
    assert [c["body_text"] for c in sections["comments"]["data"]["comments"]] == [
        "My own words about the park"
    ]
    assert sections["engagement"]["data"]["reactions"][0]["value"] == "support"
    assert sections["following"]["data"]["following"][0]["consultation_id"] == (
        person.consultation.pk
    )
    about_me = sections["communities"]["data"]
    assert about_me["declarations"][0]["answer"] == "Somali community"
    assert len(about_me["declaration_consents"]) == 1
    assert about_me["participation"], "where the person took part is part of their data"
    # Nobody else's data, and not the moderators' private notes.
    for secret in ("Someone else's words", "neighbour@example.org", "Neighbour Notme"):
        assert secret not in text
    assert "PRIVATE-MODERATOR-NOTE" not in text and "Mod Erator" not in text
    record = ExportRecord.objects.get()
    assert (record.user, record.kind, record.scope) == (
        person.user,
        "personal_data",
        f"user:{person.user.pk}",
    )


def test_moderation_decisions_about_the_person_leave_out_the_moderator(person):
    factories.ModerationActionFactory(
        moderator=person.moderator,
        account=person.user,
        action="warn",
        reason="INTERNAL-REASON",
        public_reason="Please keep it civil.",
    )
    data = exports.personal_data(person.user)["sections"]["moderation"]["data"]
    (decision,) = data["decisions_about_you"]
    assert decision["public_reason"] == "Please keep it civil."
    assert "moderator_id" not in decision and "reason" not in decision


def test_large_accounts_get_a_file_built_in_the_background(
    client, person, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_EXPORT_DIRECT_MAX_RECORDS = 1
    client.force_login(person.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:download"))
    assert response.status_code == 302
    job = PersonalDataExport.objects.get()
    assert job.status == PersonalDataExportStatus.DONE
    path = exports.file_path(job)
    assert path.is_relative_to(settings.PRIVATE_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    page = client.get(reverse("privacy:overview"))
    url = reverse("privacy:download_file", args=[job.pk])
    assert url in page.content.decode()
    assert not ExportRecord.objects.exists()

    # Nobody else may use the link, and trying leaves no record.
    client.force_login(person.other)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
    assert not ExportRecord.objects.exists()

    client.force_login(person.user)
    download = client.get(url)
    assert download.status_code == 200
    data = json.loads(b"".join(download.streaming_content))
    assert data["account"]["id"] == person.user.pk
    assert ExportRecord.objects.get().parameters["job"] == str(job.pk)

    later = job.expires_at + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert exports.purge_expired() == 1
    assert not path.exists()
    assert client.get(url).status_code == 302  # back to the page, which says it expired
    assert ExportRecord.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.post(reverse("privacy:download"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_table_that_points_at_an_account_is_in_the_download_or_exempt(person):
    """A new model with a user link must be added to a section (or here, with a reason)."""
    exempt = {
        # Staff-side Wagtail and Django records: editing, not participation.
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailcore.APIToken",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.Revision",
        "wagtailcore.UploadedFile",
        "wagtailcore.WorkflowState",
        "wagtailcore.TaskState",
        "wagtailcore.Page",
        "wagtailcore.PageLogEntry",
        "wagtailcore.Comment",
        "wagtailcore.CommentReply",
        "wagtailcore.PageSubscription",
        "wagtaildocs.Document",
        "wagtailimages.Image",
        "wagtailusers.UserProfile",
        "admin.LogEntry",
        "home.HomePage",
        "home.StandardPage",
        "consultations.ConsultationIndexPage",
        "consultations.ConsultationPage",
        "forums.ForumIndexPage",
        "forums.ForumPage",
        "guides.DiscussionGuideIndexPage",
        "guides.DiscussionGuidePage",
        # Staff-side records of the city's work, naming the member of staff who wrote or
        # decided (set to null when the account goes): a cohesion section's last editor,
        # and the exchange with other cities' imports, publications and audit trail.
        "consultations_cohesion.CohesionSection",
        "exchange.ImportedItem",
        "exchange.PublishedPackage",
        "exchange.ExchangeEvent",
        # The account row itself is the "account" part of the file.
        "accounts.User",
        # Staff who ran imports or draws: the rows describe the import, not the person.
        "communities.BaselineImport",
        "communities.OfflineImport",
        "communities.PanelSelection",
        # Moderators' private notes about an account (not the account's data to take).
        "moderation.AccountNote",
        # The live-editing log of a brief (binary document updates; the brief's text,
        # comments, suggestions and contributions are in the "briefs" section).
        "briefs.BriefUpdate",
        "briefs.BriefSnapshot",
    }
    covered = {
        model._meta.label
        for section in registry.sections()
        for model in section.models(person.user)
    }
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    linked = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    }
    assert linked - covered - exempt == set()


def test_a_person_can_reach_the_page_from_account_settings(client, person):
    client.force_login(person.user)
    page = client.get(reverse("account_profile"))
    assert reverse("privacy:overview") in page.content.decode()
    overview = client.get(reverse("privacy:overview"))
    assert overview.status_code == 200
    assert overview.content.decode().count("<h1") == 1


def test_an_unverified_account_sees_its_own_data_too(client):
    user = factories.UserFactory(verified=False)
    client.force_login(user)
    response = client.post(reverse("privacy:download"))
    assert response.status_code == 200
    assert json.loads(response.content)["account"]["email"] == user.email
