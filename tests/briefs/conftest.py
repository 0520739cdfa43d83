"""Fixtures for briefs: a session, its co-authors and participants, and a Yjs client."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory, city_staff, leader


@pytest.fixture(autouse=True)
def _fresh_rooms():
    """Each test starts with no open rooms, as a freshly started process would."""
    from consultations.briefs import rooms

    rooms.forget_all_rooms()
    yield
    rooms.forget_all_rooms()


def make_session(**fields):
    from consultations.codesign.models import CoDesignSession

    now = timezone.now()
    defaults = {
        "title": "Framing the safer streets consultation",
        "purpose": "Agree the brief.",
        "starts_at": now - datetime.timedelta(hours=2),
        "ends_at": now - datetime.timedelta(hours=1),
    }
    defaults.update(fields)
    return CoDesignSession.objects.create(**defaults)


def add_coauthor(session, user=None):
    """An invited co-author with a confirmed place."""
    from consultations.codesign.models import Invitation, Rsvp

    user = user or UserFactory()
    Invitation.objects.create(
        session=session,
        user=user,
        role=Invitation.Role.COAUTHOR,
        status=Invitation.Status.ACCEPTED,
    )
    Rsvp.objects.create(session=session, user=user, status=Rsvp.Status.CONFIRMED)
    return user


def add_participant(session, user=None):
    """A resident with a confirmed place who is not a co-author."""
    from consultations.codesign.models import Rsvp

    user = user or UserFactory()
    Rsvp.objects.create(session=session, user=user, status=Rsvp.Status.CONFIRMED)
    return user


@pytest.fixture
def session(db):
    return make_session()


@pytest.fixture
def world(session):
    """Everyone around one session, by role."""
    from consultations.codesign.models import Rsvp

    lead = leader()
    Rsvp.objects.create(session=session, user=lead, status=Rsvp.Status.CONFIRMED)
    return {
        "anonymous": None,
        "outsider": UserFactory(),
        "participant": add_participant(session),
        "coauthor": add_coauthor(session),
        "leader": lead,
        "staff": city_staff(),
    }


def session_cookie(user):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client.cookies["sessionid"].value


def socket_headers(user=None):
    headers = [(b"origin", b"http://testserver")]
    if user is not None:
        headers.append((b"cookie", f"sessionid={session_cookie(user)}".encode()))
    return headers


@pytest.fixture(scope="session", autouse=True)
def _close_worker_connections(django_db_setup, django_db_blocker):
    """Consumers query from worker threads; end their connections before the test
    database is dropped."""
    yield
    from django.conf import settings

    if not settings.POSTGRES_AVAILABLE:
        return
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
