"""The representation dashboard: who may open it, what it shows, and that it never
publishes a count below the small-cell threshold (nor does its CSV)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from engage.communities.charts import representation_chart
from engage.communities.representation import representation_report
from engage.policy.models import ExportRecord, PartnerGrant
from tests import factories

from .conftest import SMALL

pytestmark = pytest.mark.django_db

ADMIN = "engage_representation:dashboard"
ADMIN_CSV = "engage_representation:export_csv"
PARTNER = "representation_reports:dashboard"
PARTNER_CSV = "representation_reports:export_csv"


def scope_of(consultation):
    return f"consultation:{consultation.pk}"


def get(client, name, scope=None):
    return client.get(reverse(name), {"scope": scope} if scope else {})


# --- access ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, report_setup):
    for name in (ADMIN, PARTNER):
        response = get(client, name, scope_of(report_setup))
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize(
    "make",
    [
        factories.UserFactory,
        lambda: factories.leader(factories.community_group()),
    ],
    ids=["resident", "leader"],
)
def test_residents_and_leaders_are_refused(client, report_setup, make):
    client.force_login(make())
    assert get(client, ADMIN, scope_of(report_setup)).status_code == 403
    assert get(client, PARTNER, scope_of(report_setup)).status_code == 403
    assert get(client, PARTNER_CSV, scope_of(report_setup)).status_code == 403


def test_moderators_are_refused(client, report_setup):
    client.force_login(factories.with_totp(factories.moderator()))
    response = get(client, ADMIN, scope_of(report_setup))
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
    assert get(client, PARTNER, scope_of(report_setup)).status_code == 403


def test_staff_see_the_city_and_each_consultation(client, staff, report_setup):
    client.force_login(staff)
    city = get(client, ADMIN)
    assert city.status_code == 200
    assert "Safer streets" in city.content.decode()  # in the chooser
    assert "Report on the whole city, against" in city.content.decode()
    response = get(client, ADMIN, scope_of(report_setup))
    assert response.status_code == 200
    assert response.context["report"]["scope"] == scope_of(report_setup)
    # The heading names the consultation, not its scope key.
    assert f"Report on {report_setup.title}, against" in response.content.decode()


def test_partner_with_a_grant_sees_its_scope_only(client, report_setup, consultation_index):
    from tests.factories import build_consultation

    other = build_consultation(consultation_index, title="Parks")
    partner = factories.with_totp(
        factories.partner_member(
            grants=[(scope_of(report_setup), PartnerGrant.Access.VIEW_REPORTS)]
        )
    )
    client.force_login(partner)

    response = get(client, PARTNER, scope_of(report_setup))
    assert response.status_code == 200
    assert "Parks" not in response.content.decode()  # not offered in the chooser
    assert get(client, PARTNER, scope_of(other)).status_code == 403
    assert get(client, PARTNER, "city").status_code == 403
    # Viewing is not exporting.
    assert get(client, PARTNER_CSV, scope_of(report_setup)).status_code == 403


def test_partners_do_not_see_leaders_names(client, report_setup):
    leader = factories.leader(factories.community_group(), display_name="Named Leader")
    factories.ParticipationFactory(
        user=leader, scope_type="consultation", scope_id=str(report_setup.pk)
    )
    partner = factories.with_totp(
        factories.partner_member(
            grants=[(scope_of(report_setup), PartnerGrant.Access.VIEW_REPORTS)]
        )
    )
    client.force_login(partner)
    partner_page = get(client, PARTNER, scope_of(report_setup)).content.decode()
    assert "Sole voice" in partner_page
    assert "Named Leader" not in partner_page

    client.force_login(factories.with_totp(factories.city_staff()))
    assert "Named Leader" in get(client, ADMIN, scope_of(report_setup)).content.decode()


def test_malformed_and_unknown_scopes(client, staff, report_setup):
    client.force_login(staff)
    bad = get(client, ADMIN, "consultation:abc")
    assert bad.status_code == 200
    assert "must be a number" in bad.content.decode()
    assert get(client, ADMIN, "consultation:999999").status_code == 404


def test_the_menu_offers_representation_to_staff(client, staff):
    client.force_login(staff)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse(ADMIN) in response.content.decode()


# --- what it shows ---------------------------------------------------------------------


def _cell(html, group):
    """The participants cell of `group`'s row in the dashboard's data table."""
    match = re.search(rf'<th scope="row">{group}</th>\s*<td>([^<]*)</td>', html)
    assert match, f"no row for {group}"
    return match.group(1)


def test_dashboard_never_shows_a_small_count(client, staff, report_setup):
    client.force_login(staff)
    html = get(client, ADMIN, scope_of(report_setup)).content.decode()

    assert _cell(html, "B") == "fewer than 10"
    assert _cell(html, "A") == "60"
    assert f"<td>{SMALL}</td>" not in html
    assert "under-represented" in html


def test_dashboard_has_an_accessible_chart_beside_a_table(client, staff, report_setup):
    client.force_login(staff)
    html = get(client, ADMIN, scope_of(report_setup)).content.decode()

    svg = re.search(r"<svg[^>]*representation-chart.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert re.search(r"<title[^>]*>ethnicity: participants", svg)
    assert "<desc" in svg
    assert "B: participants: share withheld to protect small numbers" in svg
    assert "<table" in html


def test_chart_escapes_names_and_labels_values_in_text(city):
    city.dimension("ethnicity", {"a": 0.5, "b": 0.5})
    city.people("session:77", "ethnicity", {"a": 20, "b": 20})
    published = representation_report("area:CITY1", use_cache=False).publishable()
    published["dimensions"][0]["rows"][0]["name"] = "<script>x</script>"

    svg = str(representation_chart(published["dimensions"][0]))

    assert "<script>" not in svg
    assert "participants 50% (95% interval" in svg
    assert "baseline 50%" in svg
    assert "direction=" not in svg


def test_in_right_to_left_languages_the_chart_labels_end_where_they_start_in_english(
    report_setup,
):
    """The bars still grow from the left; each label, written right to left, is anchored
    at its end (its left end) so that it reads away from the bars, not over them."""
    from django.utils import translation

    published = representation_report("area:CITY1", use_cache=False).publishable()
    with translation.override("ar"):
        svg = str(representation_chart(published["dimensions"][0]))
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="representation-chart"' in svg
    root = svg[: svg.index(">") + 1]
    assert 'direction="rtl"' in root and 'text-anchor="end"' in root
    # The axis figures stay centred on their gridlines.
    assert 'text-anchor="middle">0%</text>' in svg


def test_csv_export_is_suppressed_and_recorded(client, staff, report_setup):
    client.force_login(staff)
    response = get(client, ADMIN_CSV, scope_of(report_setup))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    by_group = {(row[0], row[1]): row for row in rows[1:]}
    assert by_group["ethnicity", "b"][2] == "fewer than 10"
    assert by_group["ethnicity", "a"][2] == "60"
    assert all(cell != str(SMALL) for row in rows[1:] for cell in row[2:3])
    record = ExportRecord.objects.get()
    assert record.user == staff
    assert record.kind == "representation_report"
    assert record.scope == scope_of(report_setup)
    assert record.export_format == "csv"


def test_partner_with_export_grant_downloads_its_scope(client, report_setup):
    partner = factories.with_totp(
        factories.partner_member(grants=[(scope_of(report_setup), PartnerGrant.Access.EXPORT)])
    )
    client.force_login(partner)
    response = get(client, PARTNER_CSV, scope_of(report_setup))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    by_group = {(row[0], row[1]): row for row in rows[1:]}
    assert by_group["ethnicity", "a"][2] == "60"
    assert by_group["ethnicity", "b"][2] == "fewer than 10"
    assert get(client, PARTNER_CSV, "city").status_code == 403
