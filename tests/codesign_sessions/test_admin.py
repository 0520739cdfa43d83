"""The admin's snippet listing links each session to its staff page and panel draw."""

from consultations.codesign import services
from consultations.codesign.models import Rsvp
from consultations.codesign.wagtail_hooks import fill_places_after_capacity_change
from tests.factories import UserFactory, with_totp


def test_session_listing_has_manage_and_panel_buttons(client, make_session):
    session = make_session()
    client.force_login(with_totp(UserFactory(is_superuser=True, is_staff=True)))
    response = client.get("/admin/snippets/codesign/codesignsession/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/co-design/sessions/{session.pk}/manage/" in html
    assert f"/co-design/sessions/{session.pk}/manage/#panel-heading" in html


def test_raising_capacity_in_the_admin_promotes_the_waiting_list(make_session):
    session = make_session(capacity=1)
    first, second = UserFactory(), UserFactory()
    services.rsvp(first, session)
    services.rsvp(second, session)
    session.capacity = 2
    session.save()
    fill_places_after_capacity_change(None, session)
    assert Rsvp.objects.get(user=second).status == Rsvp.Status.CONFIRMED
