"""Co-design sessions: validation, local times, and who can see the public page."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from consultations.codesign.models import CoDesignSession

from .helpers import assert_one_h1


def test_session_page_shows_when_where_and_languages(client, consultation, session_for):
    session = session_for(consultation, accessibility="Step-free entrance.")
    response = client.get(f"/en/co-design/sessions/{session.pk}/")
    assert_one_h1(response, "Park workshop")
    html = response.content.decode()
    assert "Community Centre" in html
    assert "Step-free entrance." in html
    assert '<span lang="ar">العربيّة</span>' in html
    assert consultation.url in html


def test_consultation_page_links_its_upcoming_sessions(client, consultation, session_for):
    session = session_for(consultation)
    assert session.get_absolute_url() in client.get(consultation.url).content.decode()


def test_session_of_an_unpublished_consultation_is_hidden(client, consultation, session_for):
    session = session_for(consultation)
    consultation.unpublish()
    assert client.get(f"/en/co-design/sessions/{session.pk}/").status_code == 404


def test_session_without_a_consultation_is_public(client, session_for):
    session = session_for(None)
    response = client.get(f"/ar/co-design/sessions/{session.pk}/")
    assert response.status_code == 200
    assert session.title in response.content.decode()


def test_session_shows_local_time_of_its_time_zone(session_for):
    session = session_for(
        None,
        starts_at=datetime.datetime(2030, 7, 1, 16, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 7, 1, 18, 0, tzinfo=datetime.UTC),
        time_zone="Europe/Paris",
    )
    assert session.local_starts_at.hour == 18


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"place": "", "online_url": ""}, "place"),
        ({"languages": "English, ar"}, "languages"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
    ],
)
def test_invalid_sessions_are_rejected(session_for, changes, field):
    session = session_for(None)
    for name, value in changes.items():
        setattr(session, name, value)
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert field in caught.value.message_dict


def test_session_must_end_after_it_starts(session_for):
    session = session_for(None)
    session.ends_at = session.starts_at
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert "ends_at" in caught.value.message_dict


def test_session_title_is_translated(client, session_for):
    session = session_for(None)
    CoDesignSession.objects.filter(pk=session.pk).update(title_fr="Atelier du parc")
    response = client.get(f"/fr/co-design/sessions/{session.pk}/")
    assert_one_h1(response, "Atelier du parc")
