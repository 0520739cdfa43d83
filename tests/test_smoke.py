import pytest
from django.conf import settings


@pytest.mark.django_db
def test_healthz_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.postgres
def test_suite_runs_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_consultation_fixture_is_open_and_published(consultation):
    assert consultation.live
    assert consultation.is_open
    assert consultation.url.startswith("/en/")
