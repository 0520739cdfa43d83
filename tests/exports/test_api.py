"""Exports through the API: start one, poll its status, fetch the file."""

import csv
import io

import pytest

from engage.policy.models import ExportRecord
from tests import factories

pytestmark = pytest.mark.django_db


def url(consultation):
    return f"/api/v1/consultations/{consultation.pk}/exports/"


def test_staff_start_an_export_and_fetch_it(
    client, staff, heard, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(heard.consultation), {"format": "csv"}, content_type="application/json"
        )
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "queued"  # the task starts once the request's work commits
    assert job["status_url"] == f"{url(heard.consultation)}{job['id']}"
    status = client.get(job["status_url"])
    assert status.status_code == 200
    assert status.json()["status"] == "done"
    assert status.json()["rows_total"] == 6
    download = client.get(status.json()["download_url"])
    assert download.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert len(rows) == 6
    assert ExportRecord.objects.get().parameters["job"] == job["id"]


def test_residents_cannot_start_exports(client, heard):
    client.force_login(factories.UserFactory())
    response = client.post(
        url(heard.consultation), {"format": "csv"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "permission" in response.json()["detail"]


def test_anonymous_requests_are_refused(client, heard):
    response = client.post(
        url(heard.consultation), {"format": "csv"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_bad_format_and_language_are_explained(client, staff, heard):
    client.force_login(staff)
    bad_format = client.post(
        url(heard.consultation), {"format": "doc"}, content_type="application/json"
    )
    assert bad_format.status_code == 422
    bad_language = client.post(
        url(heard.consultation),
        {"format": "csv", "language": "xx"},
        content_type="application/json",
    )
    assert bad_language.status_code == 400
    assert "not a language" in bad_language.json()["detail"]


def test_other_people_cannot_see_a_job(client, staff, heard):
    client.force_login(staff)
    job = client.post(
        url(heard.consultation), {"format": "json"}, content_type="application/json"
    ).json()
    client.force_login(factories.with_totp(factories.city_staff()))
    assert client.get(job["status_url"]).status_code == 404
    assert client.get(job["status_url"] + "/file").status_code == 404
    assert not ExportRecord.objects.exists()
