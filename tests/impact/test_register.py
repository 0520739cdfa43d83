"""The unintended-consequences register: score, overdue list, pages for staff only, and
review reminders (clock mocked) by the task and by `send_impact_reviews`."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from engage.impact.models import Consequence, ConsequenceCategory, ConsequenceStatus
from engage.impact.register.services import send_review_reminders
from engage.impact.register.tasks import send_impact_reviews_task
from engage.policy.models import PolicyArea
from tests.factories import UserFactory, city_staff, with_totp

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)


def at(day):
    """Mock the clock to noon UTC on `day`."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def area():
    return PolicyArea.objects.create(name="Housing", slug="housing")


def entry(area, review_date, owner=None, likelihood=3, severity=4, **kwargs):
    return Consequence.objects.create(
        policy_area=area,
        description=kwargs.pop("description", "Rents rise next to the new park"),
        category=kwargs.pop("category", ConsequenceCategory.DISPLACEMENT),
        likelihood=likelihood,
        severity=severity,
        owner=owner,
        review_date=review_date,
        **kwargs,
    )


def test_score_is_likelihood_times_severity(area):
    consequence = entry(area, TODAY, likelihood=2, severity=5)
    assert consequence.score == 10
    assert Consequence.objects.with_score().get().risk_score == 10


def test_overdue_lists_open_reviews_whose_date_has_passed(area):
    late = entry(area, TODAY - datetime.timedelta(days=1))
    entry(area, TODAY)  # due today: not yet overdue
    entry(area, TODAY - datetime.timedelta(days=9), status=ConsequenceStatus.CLOSED)
    with at(TODAY):
        assert list(Consequence.objects.overdue()) == [late]
        assert late.is_overdue() and late.days_overdue() == 1


def test_a_consequence_needs_an_assessment_or_a_policy_area():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Consequence.objects.create(
            description="x", category="online", likelihood=1, severity=1, review_date=TODAY
        )


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs the after-commit callbacks (the emails) on leaving."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_owners_are_emailed_their_due_reviews_once_a_week(area, mailoutbox, commit):
    owner = UserFactory(email="owner@example.org")
    other = UserFactory(email="other@example.org")
    entry(area, TODAY - datetime.timedelta(days=3), owner=owner, description="Traders move out")
    entry(area, TODAY, owner=owner, description="Trust in the council falls")
    entry(area, TODAY + datetime.timedelta(days=1), owner=other, description="Not due yet")
    entry(area, TODAY - datetime.timedelta(days=1), owner=other, status=ConsequenceStatus.CLOSED)

    with at(TODAY), commit():
        assert send_review_reminders() == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["owner@example.org"]
    assert "2 reviews" in message.subject
    assert "Traders move out" in message.body and "3 days overdue" in message.body
    assert "/impact/register/" in message.body

    with at(TODAY + datetime.timedelta(days=1)), commit():
        send_review_reminders()  # the owner was reminded yesterday; other's is due today
    assert [m.to for m in mailoutbox[1:]] == [["other@example.org"]]

    with at(TODAY + datetime.timedelta(days=7)), commit():
        send_review_reminders()
    assert [m.to for m in mailoutbox[2:]] == [["owner@example.org"]]


def test_without_an_owner_the_lead_officer_is_reminded(area, mailoutbox, commit):
    area.lead_officer = UserFactory(email="lead@example.org")
    area.save()
    entry(area, TODAY - datetime.timedelta(days=1))
    with at(TODAY), commit():
        send_impact_reviews_task.enqueue()
    assert [m.to for m in mailoutbox] == [["lead@example.org"]]


def test_the_command_sends_reminders_for_a_given_date(area, mailoutbox, commit):
    entry(area, TODAY, owner=UserFactory(email="owner@example.org"))
    out = StringIO()
    with commit():
        call_command(
            "send_impact_reviews",
            "--date",
            (TODAY - datetime.timedelta(days=1)).isoformat(),
            stdout=out,
        )
    assert mailoutbox == [] and "0 reminder" in out.getvalue()
    with commit():
        call_command("send_impact_reviews", "--date", TODAY.isoformat(), stdout=out)
    assert len(mailoutbox) == 1
    with pytest.raises(CommandError):
        call_command("send_impact_reviews", "--date", "10/03/2026")


def test_a_failing_mail_server_does_not_fail_the_reminders(area, caplog, commit):
    entry(area, TODAY, owner=UserFactory(email="owner@example.org"))
    broken = mock.Mock()
    broken.enqueue.side_effect = ConnectionError("smtp down")
    with (
        at(TODAY),
        mock.patch("engage.impact.register.services.send_email_in_language", broken),
        commit(),
    ):
        assert send_review_reminders() == 1
    assert broken.enqueue.called
    assert Consequence.objects.get().last_reminded_on == TODAY
    assert "impact review reminder" in caplog.text


@pytest.fixture
def staff_client(client, settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    client.force_login(with_totp(city_staff()))
    return client


def test_staff_see_the_register_ranked_and_the_overdue_reviews(staff_client, area):
    entry(
        area,
        timezone.localdate() + datetime.timedelta(days=30),
        likelihood=1,
        severity=2,
        description="Low",
    )
    entry(
        area,
        timezone.localdate() - datetime.timedelta(days=2),
        likelihood=5,
        severity=5,
        description="High",
    )
    page = staff_client.get("/en/impact/register/").content.decode()
    assert page.index("High") < page.index("Low")
    assert "1 review is overdue" in page
    overdue = staff_client.get("/en/impact/register/overdue/").content.decode()
    assert "High" in overdue and "Low" not in overdue


def test_staff_add_an_entry_and_see_errors_for_bad_input(staff_client, area):
    owner = city_staff(email="owner@example.org")
    data = {
        "policy_area": area.pk,
        "description": "Online abuse of the traders named in the plan",
        "category": ConsequenceCategory.ONLINE,
        "likelihood": 6,
        "severity": 3,
        "owner": owner.pk,
        "review_date": "2026-04-01",
        "status": ConsequenceStatus.OPEN,
    }
    bad = staff_client.post("/en/impact/register/new/", data)
    assert bad.status_code == 400
    assert "error-summary" in bad.content.decode()
    no_subject = staff_client.post(
        "/en/impact/register/new/", {**data, "likelihood": 2, "policy_area": ""}
    )
    assert no_subject.status_code == 400
    response = staff_client.post("/en/impact/register/new/", {**data, "likelihood": 2})
    assert response.status_code == 302
    consequence = Consequence.objects.get()
    assert consequence.score == 6 and consequence.owner == owner
    edit = staff_client.post(
        f"/en/impact/register/{consequence.pk}/", {**data, "likelihood": 2, "status": "closed"}
    )
    assert edit.status_code == 302
    consequence.refresh_from_db()
    assert consequence.status == ConsequenceStatus.CLOSED


@pytest.mark.parametrize("role", ["resident", "staff_without_mfa", "anonymous"])
def test_only_staff_with_two_factor_open_the_register(client, settings, area, role):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    if role == "resident":
        client.force_login(UserFactory())
    elif role == "staff_without_mfa":
        client.force_login(city_staff())
    consequence = entry(area, TODAY)
    for url in (
        "/en/impact/register/",
        "/en/impact/register/overdue/",
        "/en/impact/register/new/",
        f"/en/impact/register/{consequence.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url


def test_the_register_page_reads_a_constant_number_of_queries(staff_client, area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get("/en/impact/register/").status_code == 200
        return len(captured)

    owner = city_staff()
    entry(area, TODAY, owner=owner)
    one = queries()
    for day in range(6):
        entry(area, TODAY + datetime.timedelta(days=day), owner=city_staff())
    assert queries() == one


def test_a_mitigated_entry_with_a_higher_score_ranks_above_an_open_one(staff_client, area):
    entry(area, TODAY, likelihood=1, severity=1, description="Open and small")
    entry(
        area,
        TODAY,
        likelihood=4,
        severity=4,
        status=ConsequenceStatus.MITIGATED,
        description="Mitigated and large",
    )
    page = staff_client.get("/en/impact/register/").content.decode()
    assert page.index("Mitigated and large") < page.index("Open and small")


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get("/en/impact/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
