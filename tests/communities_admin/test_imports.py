"""Baseline and offline-participation imports in the admin: problems shown line by
line with nothing imported, normalisation reported, uploads checked first."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from engage.communities import admin_imports
from engage.communities.models import (
    Area,
    BaselineImport,
    BaselineShare,
    Dimension,
    OfflineDeclaration,
    OfflineImport,
    OfflineParticipant,
)
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "area_code,area_name,dimension,category,share_pct\n"


@pytest.fixture
def sex(db):
    return factories.dimension_with_groups("Sex", {"female": "Female", "male": "Male"})


def upload(text, name="baseline.csv"):
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


def post_baseline(client, text, name="baseline.csv", **fields):
    return client.post(
        reverse("communities_import_baseline"), {"file": upload(text, name), **fields}
    )


def post_offline(client, text, scope, **fields):
    return client.post(
        reverse("communities_import_offline"),
        {"file": upload(text, "workshop.csv"), "scope": scope, **fields},
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_staff_see_the_baseline_upload_form(staff_client):
    response = staff_client.get(reverse("communities_import_baseline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html


def test_bad_baseline_file_shows_each_problem_and_imports_nothing(staff_client, sex):
    text = HEADER + "C1,City,sex,female,51\nC1,City,sex,nonbinary,2\nC1,City,sex,male,-4\n"
    response = post_baseline(staff_client, text)
    assert response.status_code == 200
    html = response.content.decode()
    assert "nothing was imported" in html
    table = html.split('id="import-errors"', 1)[1].split("</table>", 1)[0]
    assert "<td>3</td>" in table and "<code>category</code>" in table
    assert "<td>4</td>" in table and "<code>share_pct</code>" in table
    assert "is negative" in table
    assert not BaselineShare.objects.exists()
    assert not Area.objects.exists()
    assert not BaselineImport.objects.exists()


def test_good_baseline_file_imports_and_reports_normalisation(staff_client, staff, sex):
    text = HEADER + "C1,City,sex,female,51.2\nC1,City,sex,male,48.7\n"
    response = post_baseline(staff_client, text, source="Census 2021", year="2021")
    assert response.status_code == 302
    assert response["Location"] == reverse("communities_baseline_imports:index")
    notes = messages_of(response)
    assert any("The baseline was imported: 2 shares, with 1 new areas" in n for n in notes)
    assert any("Normalised 1 baseline" in n and "99.9" in n for n in notes)
    record = BaselineImport.objects.get()
    assert record.normalised and record.imported_by == staff
    assert record.file_name == "baseline.csv"
    assert BaselineShare.objects.filter(source="Census 2021", year=2021).count() == 2


def test_baseline_summing_to_100_reports_no_normalisation(staff_client, sex):
    response = post_baseline(staff_client, HEADER + "C1,City,sex,female,50\nC1,City,sex,male,50\n")
    assert response.status_code == 302
    assert "None of the shares needed normalising." in messages_of(response)
    assert not BaselineImport.objects.get().normalised


def test_create_missing_adds_unknown_dimensions(staff_client):
    text = HEADER + "C1,City,religion,Buddhist,1\nC1,City,religion,No religion,99\n"
    assert post_baseline(staff_client, text).status_code == 200
    assert not Dimension.objects.filter(slug="religion").exists()
    response = post_baseline(staff_client, text, create_missing="on")
    assert response.status_code == 302
    assert Dimension.objects.get(slug="religion").categories.count() == 2


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 workbook", "baseline.xlsx", "is a spreadsheet workbook, not a CSV file"),
        (b"area_code\x00\x00", "baseline.csv", "is not a CSV file"),
        (HEADER.encode(), "baseline.txt", "is not a CSV file"),
        ("area_code,naïve\n".encode("latin-1"), "baseline.csv", "is not saved as UTF-8"),
    ],
    ids=["workbook", "binary", "extension", "latin-1"],
)
def test_non_csv_upload_is_rejected_with_a_clear_message(staff_client, content, name, message):
    response = post_baseline(staff_client, content, name=name)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "CSV UTF-8" in html
    assert not BaselineImport.objects.exists()


def test_oversized_upload_is_rejected(staff_client, monkeypatch):
    monkeypatch.setattr(admin_imports, "MAX_UPLOAD_BYTES", 100)
    response = post_baseline(staff_client, HEADER + "C1,City,sex,female,50\n" * 10)
    assert response.status_code == 200
    assert "files of up to 100\xa0bytes can be imported" in response.content.decode()


def test_the_default_size_limit_is_5_mb():
    assert admin_imports.MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    big = upload(b"x" * (admin_imports.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(admin_imports.ValidationError) as error:
        admin_imports.read_csv_upload(big)
    assert error.value.code == "too_big"


def test_upload_needs_the_csrf_token(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = post_baseline(client, HEADER + "C1,City,sex,female,100\n")
    assert response.status_code == 403
    assert not BaselineImport.objects.exists()


def test_offline_import_into_a_consultation(staff_client, consultation, sex):
    scope = f"consultation:{consultation.pk}"
    # The last person declared nothing: a row with an empty cell.
    text = 'sex\nfemale\nMale\nprefer not to say\n""\n'
    response = post_offline(staff_client, text, scope)
    assert response.status_code == 302
    assert response["Location"] == reverse("communities_offline_imports:index")
    assert any(
        f"4 offline participants were added to {scope}, with 3 declarations" in n
        for n in messages_of(response)
    )
    batch = OfflineImport.objects.get()
    assert (batch.scope_type, batch.scope_id, batch.participants) == (
        "consultation",
        str(consultation.pk),
        4,
    )
    assert OfflineParticipant.objects.filter(batch=batch).count() == 4
    assert OfflineDeclaration.objects.count() == 3


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ("city", "not to “city”"),
        ("consultation:999999", "There is no consultation:999999"),
        ("somewhere", "is not a scope"),
    ],
)
def test_offline_import_into_a_bad_scope_is_rejected(staff_client, sex, scope, message):
    response = post_offline(staff_client, "sex\nfemale\n", scope)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OfflineParticipant.objects.exists()


def test_bad_offline_file_shows_problems_and_imports_nothing(staff_client, consultation, sex):
    response = post_offline(
        staff_client, "sex,shoe_size\nfemale,\nalien,\n", f"consultation:{consultation.pk}"
    )
    assert response.status_code == 200
    table = response.content.decode().split('id="import-errors"', 1)[1]
    assert "<code>shoe_size</code>" in table
    assert "<td>3</td>" in table
    assert not OfflineImport.objects.exists()


@pytest.mark.parametrize(
    "make",
    [factories.UserFactory, lambda: factories.with_totp(factories.moderator())],
    ids=["resident", "moderator"],
)
def test_others_cannot_import(client, sex, make):
    client.force_login(make())
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    assert client.get(reverse("communities_import_baseline")).status_code in (302, 403)
    response = post_baseline(client, HEADER + "C1,City,sex,female,100\n")
    assert response.status_code in (302, 403)
    assert not BaselineShare.objects.exists()


def test_staff_without_totp_are_sent_to_set_it_up(client, sex):
    client.force_login(factories.city_staff())
    response = client.get(reverse("communities_import_baseline"))
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (
            ("\ufeff" + HEADER + "C1,City,sex,female,100\n").encode("utf-16-le"),
            None,
            "is saved as UTF-16 text, not UTF-8",
        ),
        (
            (HEADER + "C1," + "C" * 140_000 + ",sex,female,100\n").encode(),
            2,
            "A cell is longer than 131,072 characters",
        ),
        ((HEADER + 'C1,"City,sex,female,100\n').encode(), 2, "is never closed"),
        (
            b"area_code,area_name,dimension,category,count,count\nC1,City,sex,female,1,1\n",
            1,
            "is named twice",
        ),
    ],
    ids=["utf-16", "huge-cell", "unclosed-quote", "duplicated-header"],
)
def test_odd_files_are_shown_as_errors_not_a_server_error(
    staff_client, sex, content, line, message
):
    response = post_baseline(staff_client, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if line is not None:  # a problem inside the file: in the line-numbered table
        table = html.split('id="import-errors"', 1)[1].split("</table>", 1)[0]
        assert f"<td>{line}</td>" in table and message in table
    assert not BaselineShare.objects.exists()
    assert not BaselineImport.objects.exists()
    assert not Area.objects.exists()


def test_odd_offline_file_is_shown_as_an_error(staff_client, consultation, sex):
    response = post_offline(
        staff_client, b'sex\nfemale\n"male\n', f"consultation:{consultation.pk}"
    )
    assert response.status_code == 200
    assert "is never closed" in response.content.decode()
    assert not OfflineParticipant.objects.exists()
