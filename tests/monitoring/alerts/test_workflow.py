"""The alert workflow: staff acknowledge, assign, note and close with what was done;
partners read their grants' alerts only; the response log downloads as audited CSV."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from engage.monitoring.alerts import services
from engage.monitoring.alerts.models import Alert, AlertEvent, AlertSubscription
from engage.policy.models import ExportRecord
from tests import factories

pytestmark = pytest.mark.django_db


def respond(client, alert, action, **data):
    prefixed = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(
        reverse("monitoring_alerts:respond", args=[alert.pk]), {"action": action, **prefixed}
    )


def test_staff_acknowledge_assign_note_and_close(client, staff, alert):
    colleague = factories.city_staff(display_name="Amina")
    client.force_login(staff)
    assert respond(client, alert, "acknowledge").status_code == 302
    assert respond(client, alert, "assign", assignee=colleague.pk).status_code == 302
    assert respond(client, alert, "note", text="Called the ward officer.").status_code == 302
    response = respond(client, alert, "close", action_taken="Met the residents' association.")
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == Alert.Status.CLOSED
    assert alert.assigned_to == colleague
    assert alert.action_taken == "Met the residents' association."
    assert list(alert.events.values_list("kind", flat=True)) == [
        "raised",
        "acknowledged",
        "assigned",
        "note",
        "closed",
    ]
    page = client.get(reverse("monitoring_alerts:alert", args=[alert.pk]))
    assert "Met the residents&#x27; association." in page.content.decode()


def test_closing_requires_what_was_done(client, staff, alert):
    client.force_login(staff)
    response = respond(client, alert, "close", action_taken="   ")
    assert response.status_code == 400
    assert "Say what was done" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN
    with pytest.raises(ValidationError):
        services.close(alert, staff, "")


def test_a_closed_alert_cannot_be_closed_again(staff, alert):
    services.close(alert, staff, "Done.")
    with pytest.raises(ValidationError):
        services.close(alert, staff, "Again.")


def test_only_staff_may_be_assigned(staff, alert):
    with pytest.raises(ValidationError):
        services.assign(alert, staff, factories.UserFactory())


def test_partners_and_residents_cannot_respond(client, partner_n01, alert):
    client.force_login(partner_n01)
    assert respond(client, alert, "close", action_taken="Nothing").status_code == 403
    with pytest.raises(PermissionDenied):
        services.acknowledge(alert, partner_n01)
    client.force_login(factories.UserFactory())
    assert respond(client, alert, "acknowledge").status_code == 403
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN


def test_partners_read_only_the_alerts_of_their_grants(client, partner_n01, partner_n02, alert):
    detail = reverse("monitoring_alerts:alert", args=[alert.pk])
    client.force_login(partner_n01)
    page = client.get(reverse("monitoring_alerts:alerts"))
    assert page.status_code == 200
    assert detail in page.content.decode()
    response = client.get(detail)
    assert response.status_code == 200
    assert "Respond" not in response.content.decode()  # read-only
    assert "Response log" not in response.content.decode()
    client.force_login(partner_n02)
    assert detail not in client.get(reverse("monitoring_alerts:alerts")).content.decode()
    assert client.get(detail).status_code == 404


def test_residents_and_visitors_see_nothing(client, alert):
    url = reverse("monitoring_alerts:alerts")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(factories.UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(factories.with_totp(factories.moderator()))
    assert client.get(url).status_code == 403


def test_staff_without_two_factor_are_refused(client, alert):
    client.force_login(factories.city_staff())
    assert client.get(reverse("monitoring_alerts:alerts")).status_code in (302, 403)


def test_the_response_log_downloads_as_audited_csv(client, staff, alert):
    services.add_note(alert, staff, "=HYPERLINK(evil)")
    services.close(alert, staff, "Leaflets in three languages.")
    client.force_login(staff)
    response = client.get(reverse("monitoring_alerts:responses_csv"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["event"] for row in rows] == ["raised", "note", "closed"]
    assert rows[1]["text"] == "'=HYPERLINK(evil)"
    assert rows[2]["text"] == "Leaflets in three languages."
    assert rows[2]["week"] == "2026-W11"
    record = ExportRecord.objects.get()
    assert (record.kind, record.user, record.export_format) == (
        "early_warning_responses",
        staff,
        "csv",
    )


def test_partners_cannot_download_the_response_log(client, partner_n01, alert):
    client.force_login(partner_n01)
    assert client.get(reverse("monitoring_alerts:responses_csv")).status_code == 403
    assert not ExportRecord.objects.exists()


def test_subscribing_and_unsubscribing(client, partner_n01):
    client.force_login(partner_n01)
    url = reverse("monitoring_alerts:subscription")
    assert client.post(url, {"subscribed": "1"}).status_code == 302
    assert AlertSubscription.objects.filter(user=partner_n01).exists()
    client.post(url, {"subscribed": "0"})
    assert not AlertSubscription.objects.exists()
    client.force_login(factories.UserFactory())
    assert client.post(url, {"subscribed": "1"}).status_code == 403


def test_the_list_reads_a_constant_number_of_queries(
    client, staff, alert, negativity_rule, django_assert_max_num_queries
):
    for week in range(1, 6):
        Alert.objects.create(
            rule=negativity_rule,
            scope="area:N02",
            area="N02",
            period=alert.period.replace(day=1 + week),
            evidence={},
            explanation="x",
        )
    client.force_login(staff)
    client.get(reverse("monitoring_alerts:alerts"))  # warm per-request caches
    with django_assert_max_num_queries(12):
        response = client.get(reverse("monitoring_alerts:alerts"))
    assert response.status_code == 200
    assert response.content.decode().count("<td>Hillcrest</td>") == 5
    assert AlertEvent.objects.count() == 1


def test_the_list_pages_and_keeps_its_filter(client, staff, alert, negativity_rule, monkeypatch):
    from engage.monitoring.alerts import views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    Alert.objects.create(
        rule=negativity_rule,
        scope="area:N02",
        area="N02",
        period=alert.period.replace(day=2),
        evidence={},
        explanation="x",
    )
    client.force_login(staff)
    first = client.get(reverse("monitoring_alerts:alerts"), {"status": "open"})
    assert "status=open&amp;page=2" in first.content.decode()
    second = client.get(reverse("monitoring_alerts:alerts"), {"status": "open", "page": 2})
    assert second.status_code == 200
    assert "<td>Hillcrest</td>" in second.content.decode()
