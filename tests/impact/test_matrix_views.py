"""The matrix page, its downloads and the policy_matrix command."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from engage.impact.matrix.data import build_matrix
from engage.policy.models import ExportRecord, PartnerGrant
from tests.factories import UserFactory, city_staff, partner_member, with_totp
from tests.impact.matrix_fixtures import assessment, city

pytestmark = pytest.mark.django_db

PAGE = "impact:matrix:index"


@pytest.fixture
def housing():
    areas, _dimension, groups = city()
    assessment(areas["housing"], {groups["young"]: -2, groups["older"]: None})
    return areas, groups


def _command(*args):
    out = io.StringIO()
    call_command("policy_matrix", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_same_numbers_as_json_and_csv(housing):
    areas, groups = housing
    expected = build_matrix().cell(areas["housing"], groups["young"]).score
    data = json.loads(_command("--format", "json"))
    cells = {(cell["policy_area"], cell["group"]): cell for cell in data["cells"]}
    assert len(cells) == 6
    assert cells["housing", "young"]["score"] == expected == 64.0
    assert cells["housing", "older"]["score"] is None
    assert "expected impact: missing" in cells["housing", "older"]["reason"]
    rows = list(csv.DictReader(io.StringIO(_command("--format", "csv", "--dimension", "age"))))
    by_cell = {(row["policy_area"], row["group"]): row for row in rows}
    assert by_cell["housing", "young"]["score"] == "64.0"
    assert by_cell["housing", "older"]["score"] == "missing"
    assert by_cell["policing", "young"]["risk_weight"] == "missing"


@pytest.mark.parametrize(
    "args", [("--dimension", "nope"), ("--since", "yesterday"), ("--format", "xml")]
)
def test_the_command_refuses_unknown_dimensions_and_bad_dates(housing, args):
    with pytest.raises((CommandError, SystemExit)):
        _command(*args)


def test_staff_see_the_heat_map_table_and_focus_list(client, housing):
    client.force_login(with_totp(city_staff()))
    response = client.get(reverse(PAGE))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<title>Housing × Young: 64</title>" in html
    # Each column name is drawn with its whole name as its title (long ones are shortened).
    assert "<title>Young</title>Young</text>" in html
    assert response.context["focus"][0].score == 64.0
    assert "policy area&#x27;s risk weight: 4/5" in html
    assert reverse("impact:matrix:export_csv") in html


def test_the_filters_narrow_the_matrix_and_bad_ones_say_why(client, housing):
    client.force_login(with_totp(city_staff()))
    response = client.get(reverse(PAGE), {"dimension": "age", "since": "2099-01-01"})
    assert response.status_code == 200
    assert response.context["focus"] == []
    bad = client.get(reverse(PAGE), {"since": "2026-02-01", "until": "2026-01-01"})
    assert bad.status_code == 400
    assert "The end of the period is before its start." in bad.content.decode()


def test_a_partner_with_a_city_grant_sees_it_without_downloads(client, housing):
    partner = with_totp(partner_member(grants=[("city", PartnerGrant.Access.VIEW_REPORTS)]))
    client.force_login(partner)
    response = client.get(reverse(PAGE))
    assert response.status_code == 200
    assert response.context["exports"] is None
    assert client.get(reverse("impact:matrix:export_csv")).status_code == 403


@pytest.mark.parametrize("who", ["resident", "staff_without_totp", "area_partner"])
def test_others_may_not_see_it(client, housing, who):
    user = {
        "resident": lambda: UserFactory(),
        "staff_without_totp": city_staff,
        "area_partner": lambda: with_totp(
            partner_member(grants=[("area:north", PartnerGrant.Access.EXPORT)])
        ),
    }[who]()
    client.force_login(user)
    assert client.get(reverse(PAGE)).status_code in (302, 403)
    assert client.get(reverse("impact:matrix:export_csv")).status_code in (302, 403)
    assert not ExportRecord.objects.exists()


def test_downloads_are_audited_with_their_filters(client, housing):
    officer = with_totp(city_staff())
    client.force_login(officer)
    response = client.get(reverse("impact:matrix:export_csv"), {"dimension": "age"})
    assert response.status_code == 200
    assert "64.0" in response.content.decode()
    pdf = client.get(reverse("impact:matrix:export_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    records = list(ExportRecord.objects.order_by("pk"))
    assert [(r.kind, r.scope, r.export_format) for r in records] == [
        ("policy_matrix", "city", "csv"),
        ("policy_matrix", "city", "pdf"),
    ]
    assert records[0].parameters == {"dimension": "age"}
    assert records[0].user == officer
