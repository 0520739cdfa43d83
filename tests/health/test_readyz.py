"""/healthz and /readyz, and that requests which broadcast survive a channel-layer outage."""

import logging
import time

import pytest
from django.urls import reverse

from engage import health
from tests.factories import city_staff
from tests.liveserver import free_closed_port

pytestmark = pytest.mark.django_db


def dead_redis_layer():
    """The production channel layer, on a port known to be closed right now."""
    from engage.settings.base import cache_and_channel_layers

    _caches, layers = cache_and_channel_layers(f"redis://127.0.0.1:{free_closed_port()}/0")
    return layers


def dead_redis_cache():
    from engage.settings.base import cache_and_channel_layers

    caches, _layers = cache_and_channel_layers(f"redis://127.0.0.1:{free_closed_port()}/0")
    return caches


@pytest.fixture
def realtime_log(caplog):
    """The `engage` logger does not propagate (settings.LOGGING); listen to it directly."""
    logger = logging.getLogger("engage")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.WARNING, logger="engage")
    yield caplog
    logger.removeHandler(caplog.handler)


def test_healthz_is_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["down"] == []
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "tasks"}


@pytest.mark.redis
def test_readyz_is_ok_with_the_real_redis(client, settings):
    assert "Redis" in settings.CHANNEL_LAYERS["default"]["BACKEND"]
    assert client.get("/readyz").status_code == 200


def test_readyz_names_a_channel_layer_that_is_down(client, settings):
    settings.CHANNEL_LAYERS = dead_redis_layer()
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 10
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["down"] == ["channel_layer"]
    assert body["checks"]["channel_layer"]["status"] == "down"
    assert body["checks"]["database"] == {"status": "ok"}


@pytest.mark.redis
def test_readyz_names_a_cache_that_is_down_although_pages_carry_on(client, settings):
    settings.CACHES = dead_redis_cache()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["cache"]
    assert "connect" in body["checks"]["cache"]["error"].lower()


def test_readyz_never_hangs(client, settings, monkeypatch):
    settings.ENGAGE_READYZ_TIMEOUT = 0.5
    monkeypatch.setitem(health.CHECKS, "cache", lambda: time.sleep(3))
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {
        "status": "down",
        "error": "no answer within 0.5 seconds",
    }


def test_readyz_reports_every_failing_dependency(client, monkeypatch):
    def broken():
        raise ConnectionError("refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    monkeypatch.setitem(health.CHECKS, "tasks", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["down"] == ["database", "tasks"]
    assert response.json()["checks"]["tasks"]["error"] == "refused"


def test_publishing_in_the_admin_works_while_the_channel_layer_is_down(
    client, consultation, settings, realtime_log, django_capture_on_commit_callbacks
):
    # Through the `settings` fixture only: mixing it with @override_settings restores
    # the overridden CHANNEL_LAYERS after the test and breaks the tests that follow.
    settings.CHANNEL_LAYERS = dead_redis_layer()
    staff = city_staff(is_superuser=True)
    settings.ENGAGE_MFA_EXEMPT_EMAILS = [staff.email]
    # Publishing is what is tested here, not the cohesion section it normally requires
    # (tests/cohesion covers that bulk publishing refuses without one).
    settings.COHESION_SECTION_REQUIRED = False
    client.force_login(staff)
    consultation.title = "Safer streets, revised"
    consultation.save_revision()  # a draft waiting to be published

    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"{url}?id={consultation.pk}&next=/admin/", {"include_descendants": ""}
        )
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == "/admin/"
    assert callbacks, "the broadcast must wait for the commit"

    consultation.refresh_from_db()
    assert consultation.live
    assert consultation.title == "Safer streets, revised"
    assert not consultation.has_unpublished_changes

    warnings = [r for r in realtime_log.records if r.name == "engage.realtime"]
    assert warnings and warnings[0].levelno == logging.WARNING
    assert "page.updated" in warnings[0].getMessage()
    assert f"consultation-{consultation.pk}" in warnings[0].getMessage()
