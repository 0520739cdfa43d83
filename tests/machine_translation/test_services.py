"""The translation service: the cache (keyed by content, version and target), failures
remembered, and never a translation for a moderator or for content that is not
published (moderators decide on the original)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from engage.machine_translation import services
from engage.moderation.content import ContentStatus
from tests.factories import UserFactory, moderator
from tests.factories.opinions import StatementFactory
from tests.machine_translation.fake_libretranslate import free_port_with_nothing_listening

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_statement():
    return StatementFactory(text="Plus de bancs au parc.", language="fr")


def test_translates_into_the_readers_language_and_caches_it(translating, french_statement):
    reader = UserFactory()

    first = services.translate(french_statement, reader, "en")
    again = services.translate(french_statement, reader, "en")

    assert first.text == again.text == "[en] Plus de bancs au parc."
    assert (first.source, first.target, first.source_name) == ("fr", "en", "French")
    assert len(translating.translate_calls) == 1
    assert services.cached_translation(french_statement, AnonymousUser(), "en") == first


def test_each_target_language_is_cached_apart(translating, french_statement):
    assert services.translate(french_statement, None, "en").text.startswith("[en]")
    assert services.translate(french_statement, None, "ar").text.startswith("[ar]")
    assert len(translating.translate_calls) == 2


def test_an_edit_makes_a_new_key_so_the_old_translation_is_never_shown(translating):
    statement = StatementFactory(text="Plus de bancs.", language="fr")
    services.translate(statement, None, "en")
    statement.text = "Moins de voitures."
    statement.edited_at = timezone.now()

    assert services.cached_translation(statement, None, "en") is None
    assert services.translate(statement, None, "en").text == "[en] Moins de voitures."


def test_content_in_the_readers_language_is_not_sent(translating, french_statement):
    assert services.translate(french_statement, None, "fr") is None
    assert services.translate(StatementFactory(language=""), None, "en") is None
    assert translating.translate_calls == []


def test_moderators_never_get_a_translation(translating, french_statement):
    mod = moderator()
    services.translate(french_statement, UserFactory(), "en")  # cached for residents

    assert services.translate(french_statement, mod, "en") is None
    assert services.cached_translation(french_statement, mod, "en") is None
    assert not services.is_pending(french_statement, mod, "en")
    assert len(translating.translate_calls) == 1


@pytest.mark.parametrize(
    "status", [ContentStatus.PENDING, ContentStatus.HIDDEN, ContentStatus.REMOVED]
)
def test_content_that_is_not_published_is_not_translated(translating, status):
    statement = StatementFactory(text="En attente.", language="fr", status=status)
    assert services.translate(statement, statement.author, "en") is None
    assert translating.translate_calls == []


def test_a_failure_is_remembered_and_the_service_not_asked_again(translating, french_statement):
    translating.mode = "error"
    assert services.translate(french_statement, None, "en") is None
    translating.mode = "ok"
    assert services.translate(french_statement, None, "en") is None
    assert not services.is_pending(french_statement, None, "en")
    assert len(translating.translate_calls) == 1


def test_a_service_that_is_down_gives_the_original(settings, french_statement):
    settings.MACHINE_TRANSLATION_BACKEND = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = f"http://127.0.0.1:{free_port_with_nothing_listening()}"
    assert services.translate(french_statement, None, "en") is None


def test_text_over_the_limit_is_not_translated(translating, settings):
    settings.MACHINE_TRANSLATION_MAX_CHARS = 20
    statement = StatementFactory(text="Un texte bien plus long que la limite.", language="fr")
    assert services.translate(statement, None, "en") is None
    assert translating.translate_calls == []


def test_with_the_null_backend_nothing_is_translated(libretranslate, french_statement):
    assert not services.is_enabled()
    assert services.translate(french_statement, None, "en") is None
    assert libretranslate.requests == []
