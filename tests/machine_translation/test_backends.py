"""The backends against a real local LibreTranslate-compatible server (a thread on a
port chosen at run time): answers, and a service that is down, slow, dripping, failing,
refusing or talking nonsense, which all come out as "no translation", logged."""

import logging
import time

import pytest

from engage.machine_translation.backends import (
    LibreTranslateBackend,
    NullBackend,
    get_backend,
)
from tests.machine_translation.fake_libretranslate import free_port_with_nothing_listening


def backend_for(server, **kwargs):
    kwargs.setdefault("timeout", 1.0)
    return LibreTranslateBackend(server.url, api_key="secret", **kwargs)


def test_translates_each_text_in_order_with_the_documented_request(libretranslate):
    backend = backend_for(libretranslate)

    assert backend.translate(["Hello", "More benches"], "en", "ar") == [
        "[ar] Hello",
        "[ar] More benches",
    ]
    (call,) = libretranslate.translate_calls
    assert call["payload"] == {
        "q": ["Hello", "More benches"],
        "source": "en",
        "target": "ar",
        "format": "text",
        "api_key": "secret",
    }


def test_no_api_key_is_sent_when_none_is_set(libretranslate):
    backend = LibreTranslateBackend(libretranslate.url, timeout=1)
    assert backend.translate(["Hi"], "en", "fr") == ["[fr] Hi"]
    assert "api_key" not in libretranslate.translate_calls[0]["payload"]


def test_languages_come_from_the_service(libretranslate):
    assert backend_for(libretranslate).languages() == ["ar", "en", "fr"]


@pytest.mark.parametrize("mode", ["error", "refuse", "garbage", "wrong", "huge"])
def test_a_bad_answer_is_no_translation_and_is_logged(libretranslate, caplog, mode):
    libretranslate.mode = mode
    with caplog.at_level(logging.WARNING, logger="engage.machine_translation"):
        assert (
            backend_for(libretranslate, max_response_bytes=100_000).translate(
                ["Hello", "Bye"], "en", "fr"
            )
            == []
        )
    assert "Machine translation en->fr failed" in caplog.text


def test_a_service_that_is_down_is_no_translation(caplog):
    backend = LibreTranslateBackend(
        f"http://127.0.0.1:{free_port_with_nothing_listening()}", timeout=1
    )
    with caplog.at_level(logging.WARNING, logger="engage.machine_translation"):
        assert backend.translate(["Hello"], "en", "fr") == []
        assert backend.languages() == []
    assert "unreachable" in caplog.text


@pytest.mark.parametrize("mode", ["slow", "drip"])
def test_a_slow_service_is_cut_off_at_the_timeout(libretranslate, mode):
    libretranslate.mode = mode
    libretranslate.delay = 0.3 if mode == "drip" else 3.0
    backend = backend_for(libretranslate, timeout=0.6)

    started = time.monotonic()
    assert backend.translate(["A long enough text to drip"], "en", "fr") == []
    assert time.monotonic() - started < 2.0


def test_texts_over_the_size_limit_are_never_sent(libretranslate):
    backend = backend_for(libretranslate, max_chars=10)
    assert backend.translate(["x" * 11], "en", "fr") == []
    assert libretranslate.translate_calls == []


def test_an_address_that_is_not_http_is_refused_without_a_request():
    assert LibreTranslateBackend("file:///etc/passwd").translate(["Hi"], "en", "fr") == []


def test_the_default_is_the_null_backend_which_translates_nothing(settings):
    del settings.MACHINE_TRANSLATION_BACKEND
    backend = get_backend()
    assert isinstance(backend, NullBackend)
    assert not backend.enabled
    assert backend.translate(["Hello"], "en", "fr") == []
    assert backend.languages() == []


def test_libretranslate_without_an_address_is_off(settings, caplog):
    settings.MACHINE_TRANSLATION_BACKEND = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = ""
    with caplog.at_level(logging.ERROR, logger="engage.machine_translation"):
        assert not get_backend().enabled
    assert "MACHINE_TRANSLATION_URL is empty" in caplog.text


def test_a_backend_that_does_not_import_is_off(settings):
    settings.MACHINE_TRANSLATION_BACKEND = "nowhere.Backend"
    assert not get_backend().enabled


def test_settings_choose_the_libretranslate_backend(translating):
    backend = get_backend()
    assert backend.enabled
    assert backend.translate(["Hi"], "en", "pl") == ["[pl] Hi"]
    assert translating.translate_calls[0]["payload"]["api_key"] == "test-key"
