"""The endpoint pages call: GET /<lang>/machine-translation/<kind>/<pk>/."""

import pytest
from django.urls import reverse
from django.utils import translation

from engage.moderation.content import ContentStatus
from tests.factories import UserFactory, moderator, with_totp
from tests.factories.opinions import StatementFactory

pytestmark = pytest.mark.django_db


def url_of(statement, language="en", kind="statement"):
    with translation.override(language):
        return reverse("machine_translation:translation", kwargs={"kind": kind, "pk": statement.pk})


@pytest.fixture
def statement():
    return StatementFactory(text="Plus de bancs.", language="fr")


def test_answers_the_translation_into_the_urls_language(translating, client, statement):
    response = client.get(url_of(statement, "ar"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "[ar] Plus de bancs." in html
    assert 'lang="ar" dir="rtl"' in html
    assert "data-mt-details" in html
    assert response["Content-Language"] == "ar"


def test_the_text_is_escaped(translating, client):
    statement = StatementFactory(text="<script>alert(1)</script>", language="fr")
    html = client.get(url_of(statement)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_a_moderator_gets_no_translation(translating, client, statement):
    client.force_login(with_totp(moderator()))
    assert client.get(url_of(statement)).status_code == 204
    assert translating.translate_calls == []


def test_no_translation_is_no_content(translating, client, statement):
    translating.mode = "garbage"
    assert client.get(url_of(statement)).status_code == 204
    assert client.get(url_of(statement, "fr")).status_code == 204  # its own language


def test_off_by_default(libretranslate, client, statement):
    assert client.get(url_of(statement)).status_code == 204
    assert libretranslate.requests == []


def test_content_the_reader_may_not_see_is_not_found(translating, client):
    hidden = StatementFactory(text="Caché.", language="fr", status=ContentStatus.HIDDEN)
    client.force_login(UserFactory())
    assert client.get(url_of(hidden)).status_code == 404
    assert translating.translate_calls == []


def test_an_unknown_kind_is_not_found(translating, client, statement):
    assert client.get(url_of(statement, kind="nothing")).status_code == 404


def test_only_get(translating, client, statement):
    assert client.post(url_of(statement)).status_code == 405
