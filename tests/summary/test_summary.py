"""The "what we heard" summary page: its sections, who sees which, the section registry,
its link from the page in the admin, and a query count that does not grow with comments."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from consultations.exports.sections import SUMMARY_SECTION_HOOK, SummarySection
from tests.exports.conftest import NAMES_AND_EMAILS, NEVER_EXPORTED, VIEW, comment, partner

pytestmark = pytest.mark.django_db


def admin_summary(client, consultation):
    return client.get(reverse("exports_admin:summary", args=[consultation.pk]))


def test_staff_see_every_section(client, staff, heard):
    client.force_login(staff)
    response = admin_summary(client, heard.consultation)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1\b", html)) == 1
    for anchor in ("overview", "proposals", "surveys", "timeline", "moderation", "representation"):
        assert f'id="summary-{anchor}"' in html, anchor
    sections = [section.name for section, _html in response.context["sections"]]
    assert sections == [
        "overview",
        "proposals",
        "surveys",
        "timeline",
        "moderation",
        "representation",
    ]
    # Figures: 6 exported comments, 3 survey responses, per-proposal counts.
    overview = response.context["sections"][0][1]
    assert re.search(r"Comments \(published and withdrawn\)</th><td>6<", overview)
    assert "Wider pavements" in html and "Safer crossings" in html
    assert "Walk" in html and 'role="img"' in html
    assert "More benches" in html
    # The moderation section counts every status, including hidden and removed.
    moderation_html = next(h for s, h in response.context["sections"] if s.name == "moderation")
    assert re.search(r"Hidden by a moderator</th><td>1<", moderation_html)
    for secret in NAMES_AND_EMAILS + NEVER_EXPORTED:
        assert secret not in html
    # The export form is there for staff.
    assert 'name="format"' in html


def test_partners_with_a_view_grant_see_no_moderation_and_no_export(client, heard):
    member = partner(VIEW, f"consultation:{heard.consultation.pk}", organisation="Viewers")
    client.force_login(member)
    response = client.get(reverse("exports_reports:summary", args=[heard.consultation.pk]))
    assert response.status_code == 200
    names = [section.name for section, _html in response.context["sections"]]
    assert "moderation" not in names and "overview" in names
    html = response.content.decode()
    assert 'name="format"' not in html
    # Written survey answers are for city staff; partners see the counts.
    assert "Walk" in html and "More benches" not in html
    assert len(re.findall(r"<h1\b", html)) == 1


def test_the_representation_section_reuses_the_dashboard(client, staff, heard):
    client.force_login(staff)
    html = {
        section.name: body
        for section, body in admin_summary(client, heard.consultation).context["sections"]
    }["representation"]
    # No baseline in this city: the dashboard's own explanation, inside its partial.
    assert 'name="scope"' in html
    assert f'value="consultation:{heard.consultation.pk}"' in html
    assert reverse("engage_representation:dashboard") in html


def test_other_apps_can_add_a_section(client, staff, heard):
    def sentiment():
        return SummarySection(
            name="sentiment",
            title="Sentiment",
            template="exports/sections/overview.html",
            get_context=lambda request, consultation: {"overview": None},
            order=450,
        )

    def hidden():
        return SummarySection(
            "nothing", "Nothing", "exports/sections/overview.html", lambda r, c: None, 50
        )

    client.force_login(staff)
    with (
        hooks.register_temporarily(SUMMARY_SECTION_HOOK, sentiment),
        hooks.register_temporarily(SUMMARY_SECTION_HOOK, hidden),
    ):
        response = admin_summary(client, heard.consultation)
    names = [section.name for section, _html in response.context["sections"]]
    assert names.index("timeline") < names.index("sentiment") < names.index("moderation")
    assert "nothing" not in names


def test_query_count_does_not_grow_with_comments(client, staff, heard):
    client.force_login(staff)
    admin_summary(client, heard.consultation)  # warm caches (content types, reports)
    with CaptureQueriesContext(connection) as before:
        admin_summary(client, heard.consultation)
    for number in range(15):
        comment(
            heard.consultation,
            heard.authors[number % 3],
            heard.proposals[number % 2],
            minutes=number,
        )
    with CaptureQueriesContext(connection) as after:
        admin_summary(client, heard.consultation)
    assert len(after) == len(before)


def test_consultation_pages_link_to_their_summary_in_the_admin(client, staff, heard):
    client.force_login(staff)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[heard.consultation.pk]))
    assert response.status_code == 200
    assert (
        reverse("exports_admin:summary", args=[heard.consultation.pk]) in response.content.decode()
    )
