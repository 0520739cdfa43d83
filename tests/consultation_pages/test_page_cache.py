"""What a consultation page shows alike to every reader (documents, audience, upcoming
co-design sessions) is cached (consultations.page_context.about): a change shows at
once, an entry never outlives the first session listed, and a draft's preview is never
cached."""

import datetime

import pytest
from django.utils import timezone

from consultations.codesign.models import CoDesignSession
from consultations.page_context import ABOUT_SECONDS, about

pytestmark = pytest.mark.django_db


def session(consultation, starts_in, title="Park workshop"):
    starts_at = timezone.now() + starts_in
    return CoDesignSession.objects.create(
        title=title,
        purpose="Shape the new play area.",
        consultation=consultation,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="Community Centre",
        languages="en",
    )


def test_a_new_session_shows_at_once_and_a_deleted_one_leaves(client, consultation):
    assert "Evening walk" not in client.get(consultation.url).content.decode()
    walk = session(consultation, datetime.timedelta(days=3), title="Evening walk")
    assert "Evening walk" in client.get(consultation.url).content.decode()
    walk.delete()
    assert "Evening walk" not in client.get(consultation.url).content.decode()


def test_the_cache_lasts_no_longer_than_the_first_session_listed(consultation, rf, monkeypatch):
    session(consultation, datetime.timedelta(seconds=-7170))  # ends in 30 seconds
    stored = {}
    monkeypatch.setattr(
        "consultations.page_context.cache.set",
        lambda key, value, seconds: stored.update({key: seconds}),
    )
    consultation.refresh_from_db()  # as served: with its publication time
    assert consultation.last_published_at
    values = about(consultation, rf.get("/"))
    assert [s.title for s in values["codesign_sessions"]] == ["Park workshop"]
    [seconds] = stored.values()
    assert 0 < seconds <= 30 < ABOUT_SECONDS


def test_a_preview_is_never_cached(consultation, rf, monkeypatch):
    consultation.refresh_from_db()
    request = rf.get("/")
    request.is_preview = True
    monkeypatch.setattr(
        "consultations.page_context.cache.set",
        lambda *args: pytest.fail("a preview was cached"),
    )
    about(consultation, request)
