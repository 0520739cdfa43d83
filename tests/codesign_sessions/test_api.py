"""/api/v1/codesign/: sessions (list, read) and the caller's RSVP (create, cancel)."""

import datetime

from consultations.codesign.models import Rsvp
from tests.factories import RsvpFactory, UserFactory

API = "/api/v1/codesign/sessions/"


def test_anyone_lists_and_reads_sessions_without_other_peoples_replies(client, make_session):
    session = make_session(capacity=2)
    make_session(starts_in=-datetime.timedelta(days=3), title="Old")
    RsvpFactory(session=session)
    listed = client.get(API).json()
    assert [item["id"] for item in listed] == [session.pk]
    assert listed[0]["places_left"] == 1
    assert listed[0]["my_rsvp"] is None
    assert listed[0]["calendar_url"].endswith(f"/co-design/sessions/{session.pk}/calendar.ics")
    assert "access_needs" not in str(listed)
    assert len(client.get(API, {"upcoming": "false"}).json()) == 2
    one = client.get(f"{API}{session.pk}")
    assert one.status_code == 200
    assert one.json()["interpretation"] == ["ar", "so"]
    assert client.get(f"{API}999999").status_code == 404


def test_listing_sessions_does_not_query_per_session(
    client, make_session, django_assert_max_num_queries
):
    for _n in range(5):
        make_session()
    with django_assert_max_num_queries(4):
        assert len(client.get(API).json()) == 5


def test_rsvp_and_cancel_through_the_api(client, make_session):
    session = make_session(capacity=1)
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    answer = client.post(
        f"{API}{session.pk}/rsvp", {"access_needs": "Quiet room"}, content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["outcome"] == "confirmed"
    client.force_login(second)
    answer = client.post(f"{API}{session.pk}/rsvp", {}, content_type="application/json")
    assert answer.json()["outcome"] == "waitlisted"
    assert "waiting list" in answer.json()["detail"]
    client.force_login(first)
    assert client.delete(f"{API}{session.pk}/rsvp").status_code == 200
    assert Rsvp.objects.get(user=second).status == Rsvp.Status.CONFIRMED
    assert client.delete(f"{API}{session.pk}/rsvp").status_code == 400


def test_api_refusals_are_clear(client, make_session):
    past = make_session(starts_in=-datetime.timedelta(days=1))
    closed = make_session(invitation_only=True)
    assert (
        client.post(f"{API}{closed.pk}/rsvp", {}, content_type="application/json").status_code
        == 401
    )
    client.force_login(UserFactory())
    answer = client.post(f"{API}{past.pk}/rsvp", {}, content_type="application/json")
    assert answer.status_code == 409
    assert "already started" in answer.json()["detail"]
    answer = client.post(f"{API}{closed.pk}/rsvp", {}, content_type="application/json")
    assert answer.status_code == 403
    assert "invitation only" in answer.json()["detail"]
    answer = client.post(
        f"{API}{closed.pk}/rsvp", {"access_needs": "x" * 1001}, content_type="application/json"
    )
    assert answer.status_code == 422
    assert not Rsvp.objects.exists()
