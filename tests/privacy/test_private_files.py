"""Private files live outside MEDIA_ROOT and leave only through views that check the
rules and record the download; the bytes can be handed to nginx or Apache."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultations.exports import services
from consultations.exports.models import ExportStatus
from engage import privatefiles
from engage.policy.models import ExportRecord
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(settings, tmp_path):
    """The default layout: no EXPORT_ROOT, exports under PRIVATE_ROOT."""
    settings.EXPORT_ROOT = ""
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_DIRECT_MAX_ROWS = 3
    return settings


def export_job(user, consultation, capture):
    with capture(execute=True):
        job = services.start_export(user, consultation, "csv")
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    return job


def test_new_exports_are_written_outside_media_root(
    client, private, staff, heard, django_capture_on_commit_callbacks
):
    job = export_job(staff, heard.consultation, django_capture_on_commit_callbacks)
    path = services.file_path(job)
    assert path.parent == Path(private.PRIVATE_ROOT) / "exports" and path.exists()
    assert not Path(private.MEDIA_ROOT, "exports").exists()
    # There is no public address for it.
    assert client.get(f"/media/exports/{job.file_name}").status_code == 404


def test_only_the_requester_downloads_and_each_download_is_recorded(
    client, private, staff, heard, django_capture_on_commit_callbacks
):
    job = export_job(staff, heard.consultation, django_capture_on_commit_callbacks)
    url = reverse("exports_admin:download", args=[job.pk])
    client.force_login(factories.with_totp(factories.city_staff()))
    assert client.get(url).status_code == 404
    assert not ExportRecord.objects.exists()
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b"\n") > 6  # the header and 6 rows
    assert "X-Accel-Redirect" not in response
    assert ExportRecord.objects.get().user == staff


def test_nginx_serves_the_bytes_after_the_check_and_the_record(
    client, private, staff, heard, django_capture_on_commit_callbacks
):
    private.PRIVATE_FILES_SERVER = "nginx"
    job = export_job(staff, heard.consultation, django_capture_on_commit_callbacks)
    client.force_login(staff)
    response = client.get(reverse("exports_admin:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/exports/{job.file_name}"
    assert response.content == b""
    assert response["Content-Disposition"] == f'attachment; filename="{job.download_name}"'
    assert ExportRecord.objects.get().parameters["job"] == str(job.pk)
    # Refused people get no redirect header at all.
    client.force_login(factories.with_totp(factories.city_staff()))
    refused = client.get(reverse("exports_admin:download", args=[job.pk]))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_apache_gets_x_sendfile(client, private, staff, heard, django_capture_on_commit_callbacks):
    private.PRIVATE_FILES_SERVER = "apache"
    job = export_job(staff, heard.consultation, django_capture_on_commit_callbacks)
    client.force_login(staff)
    response = client.get(reverse("exports_admin:download", args=[job.pk]))
    assert response["X-Sendfile"] == str(services.file_path(job).resolve())


def test_expired_files_are_purged_from_the_private_root(
    private, staff, heard, django_capture_on_commit_callbacks
):
    job = export_job(staff, heard.consultation, django_capture_on_commit_callbacks)
    path = services.file_path(job)
    later = job.expires_at + datetime.timedelta(seconds=1)
    assert services.purge_expired_exports(later) == 1 and not path.exists()


def test_files_left_in_media_root_by_older_versions_are_moved(
    client, private, staff, heard, django_capture_on_commit_callbacks
):
    job = export_job(staff, heard.consultation, django_capture_on_commit_callbacks)
    # As an older version left it: the same name, under MEDIA_ROOT/exports.
    old = Path(private.MEDIA_ROOT, "exports", job.file_name)
    old.parent.mkdir(parents=True)
    services.file_path(job).rename(old)
    call_command("move_private_files", stdout=io.StringIO())
    assert not old.exists() and services.file_path(job).exists()
    client.force_login(staff)
    assert client.get(reverse("exports_admin:download", args=[job.pk])).status_code == 200


def test_a_private_root_inside_media_root_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "media" / "private"
    assert [error.id for error in privatefiles.check_private_root()] == ["engage.E010"]
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.PRIVATE_FILES_SERVER = "lighttpd"
    assert [error.id for error in privatefiles.check_private_root()] == ["engage.E011"]
