"""Who may see a consultation's summary and export it: role × action, on both mounts."""

import pytest
import rules
from django.urls import reverse

from engage.policy.models import ExportRecord
from tests import factories
from tests.exports.conftest import EXPORT, VIEW, partner

pytestmark = pytest.mark.django_db


def scope(consultation):
    return f"consultation:{consultation.pk}"


def make_people(consultation, other):
    return {
        "resident": factories.UserFactory(),
        "leader": factories.leader(factories.community_group()),
        "moderator": factories.with_totp(factories.moderator()),
        "staff": factories.with_totp(factories.city_staff()),
        "staff_without_totp": factories.city_staff(),
        "partner_without_grant": partner(None, None, organisation="No grant"),
        "partner_view_grant": partner(VIEW, scope(consultation), organisation="Viewers"),
        "partner_export_grant": partner(EXPORT, scope(consultation), organisation="Exporters"),
        "partner_city_export_grant": partner(EXPORT, "city", organisation="City wide"),
        "partner_export_grant_elsewhere": partner(EXPORT, scope(other), organisation="Elsewhere"),
    }


# role: (may view the summary, may export)
EXPECTED = {
    "resident": (False, False),
    "leader": (False, False),
    "moderator": (False, False),
    "staff": (True, True),
    # Summaries are read under one rule with the admin copy: two-factor first (issue 11).
    "staff_without_totp": (False, False),
    "partner_without_grant": (False, False),
    "partner_view_grant": (True, False),
    "partner_export_grant": (True, True),
    "partner_city_export_grant": (True, True),
    "partner_export_grant_elsewhere": (False, False),
}


def test_permission_matrix(client, heard, consultation_index):
    from tests.factories import build_consultation

    other = build_consultation(consultation_index, title="Parks")
    people = make_people(heard.consultation, other)
    summary_url = reverse("exports_reports:summary", args=[heard.consultation.pk])
    export_url = reverse("exports_reports:export", args=[heard.consultation.pk])
    for role, (may_view, may_export) in EXPECTED.items():
        user = people[role]
        assert rules.test_rule("exports.view_summary", user, heard.consultation) is may_view, role
        assert rules.test_rule("exports.export", user, heard.consultation) is may_export, role
        client.force_login(user)
        assert client.get(summary_url).status_code == (200 if may_view else 403), role
        response = client.post(export_url, {"format": "csv"})
        assert response.status_code == (200 if may_export else 403), role
        if may_export:
            b"".join(response.streaming_content)
    # Only the exports that happened are recorded.
    assert ExportRecord.objects.count() == sum(may for _v, may in EXPECTED.values())


def test_anonymous_visitors_are_sent_to_log_in(client, heard):
    for url in (
        reverse("exports_reports:summary", args=[heard.consultation.pk]),
        reverse("exports_admin:summary", args=[heard.consultation.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_partners_cannot_open_the_admin_mount(client, heard):
    client.force_login(partner(EXPORT, scope(heard.consultation), organisation="Exporters"))
    response = client.get(reverse("exports_admin:summary", args=[heard.consultation.pk]))
    assert response.status_code == 403


def test_export_needs_post(client, staff, heard):
    client.force_login(staff)
    response = client.get(reverse("exports_admin:export", args=[heard.consultation.pk]))
    assert response.status_code == 405


def test_unknown_consultation_is_404(client, staff):
    client.force_login(staff)
    assert client.get(reverse("exports_admin:summary", args=[999999])).status_code == 404
