"""Large exports run as a background task; their link works only for whoever asked,
and only until it expires (the clock is the only thing mocked)."""

import csv
import datetime
import io
from pathlib import Path
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.exports import services
from consultations.exports.models import ExportJob, ExportStatus
from engage.policy.models import ExportRecord, PartnerGrant
from tests import factories
from tests.exports.conftest import EXPORT, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(settings):
    settings.EXPORT_DIRECT_MAX_ROWS = 3  # the fixture has 6 exported comments


def start(client, consultation, export_format, capture, mount="exports_admin"):
    with capture(execute=True):
        response = client.post(
            reverse(f"{mount}:export", args=[consultation.pk]), {"format": export_format}
        )
    assert response.status_code == 302
    return ExportJob.objects.get(), response["Location"]


def test_a_large_export_runs_as_a_task_with_progress_and_a_download(
    client, staff, heard, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    job, location = start(client, heard.consultation, "csv", django_capture_on_commit_callbacks)
    assert location == reverse("exports_admin:job", args=[job.pk])
    assert (job.status, job.rows_done, job.rows_total) == (ExportStatus.DONE, 6, 6)
    assert job.requester == staff
    path = services.file_path(job)
    assert path.exists() and Path(path).parent == services.export_root()
    assert job.expires_at == job.finished_at + datetime.timedelta(hours=24)
    # Nothing has left Engage yet.
    assert not ExportRecord.objects.exists()

    page = client.get(location)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<progress" in html and 'value="100"' in html
    status = client.get(reverse("exports_admin:job_status", args=[job.pk])).json()
    assert status["status"] == "done" and status["percent"] == 100
    assert status["download_url"] == reverse("exports_admin:download", args=[job.pk])

    download = client.get(status["download_url"])
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert len(rows) == 6
    record = ExportRecord.objects.get()
    assert (record.user, record.export_format, record.parameters["job"]) == (
        staff,
        "csv",
        str(job.pk),
    )


def test_progress_is_reported_after_each_chunk(heard, staff):
    from consultations.exports.writers import jsonfile

    seen = []
    with mock.patch.object(jsonfile, "ROWS_PER_CHUNK", 2):
        list(jsonfile.json_chunks(heard.consultation, progress=seen.append))
    assert seen == [2, 4, 6, 6]
    job = ExportJob.objects.create(
        requester=staff,
        consultation=heard.consultation,
        export_format="json",
        language="en",
        rows_total=6,
    )
    services.run_export(job.pk)
    job.refresh_from_db()
    assert (job.status, job.rows_done) == (ExportStatus.DONE, 6)


def test_another_person_cannot_use_the_link(
    client, staff, heard, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    job, _location = start(client, heard.consultation, "xlsx", django_capture_on_commit_callbacks)
    other_staff = factories.with_totp(factories.city_staff())
    client.force_login(other_staff)
    for name in ("job", "job_status", "download"):
        assert client.get(reverse(f"exports_admin:{name}", args=[job.pk])).status_code == 404
    assert not ExportRecord.objects.exists()
    assert services.file_path(job).exists()


def test_the_link_expires_and_the_file_is_deleted(
    client, staff, heard, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    job, _location = start(client, heard.consultation, "csv", django_capture_on_commit_callbacks)
    path = services.file_path(job)
    url = reverse("exports_admin:download", args=[job.pk])
    later = job.finished_at + datetime.timedelta(hours=24, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(url)
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert not path.exists()
    job.refresh_from_db()
    assert job.status == ExportStatus.EXPIRED
    assert not ExportRecord.objects.exists()
    # Still refused afterwards, with the same explanation.
    assert client.get(url).status_code == 410


def test_just_before_expiry_the_link_still_works(
    client, staff, heard, small_limit, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    job, _location = start(client, heard.consultation, "json", django_capture_on_commit_callbacks)
    almost = job.finished_at + datetime.timedelta(hours=23, minutes=59)
    with mock.patch("django.utils.timezone.now", return_value=almost):
        response = client.get(reverse("exports_admin:download", args=[job.pk]))
    assert response.status_code == 200


def test_purge_deletes_expired_files(staff, heard, small_limit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_export(staff, heard.consultation, "csv")
    job.refresh_from_db()
    path = services.file_path(job)
    assert services.purge_expired_exports() == 0 and path.exists()
    assert services.purge_expired_exports(timezone.now() + datetime.timedelta(days=2)) == 1
    assert not path.exists()


def test_a_partner_who_loses_the_grant_cannot_download(
    client, heard, small_limit, django_capture_on_commit_callbacks
):
    member = partner(EXPORT, f"consultation:{heard.consultation.pk}", organisation="Exporters")
    client.force_login(member)
    job, location = start(
        client,
        heard.consultation,
        "csv",
        django_capture_on_commit_callbacks,
        mount="exports_reports",
    )
    assert location.endswith(f"/reports/consultations/exports/{job.pk}/")
    PartnerGrant.objects.all().delete()
    response = client.get(reverse("exports_reports:download", args=[job.pk]))
    assert response.status_code == 403
    assert not ExportRecord.objects.exists()
