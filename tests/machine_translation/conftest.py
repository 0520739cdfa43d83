"""Fixtures for machine translation: the app installed (it has no tables), the endpoint
mounted, a fake LibreTranslate server on a free port, and the backend pointed at it."""

import copy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

import engage.machine_translation
from tests.machine_translation.fake_libretranslate import FakeLibreTranslate

APP = "engage.machine_translation"
APP_DIR = Path(engage.machine_translation.__file__).parent


def templates_with_the_app(templates):
    """TEMPLATES as the app's being installed makes them: its templates and its tag
    library found. (Changing INSTALLED_APPS in a test would run every app's ready()
    again, which mounts the API routers twice.)"""
    templates = copy.deepcopy(templates)
    for engine in templates:
        if engine["BACKEND"].endswith("DjangoTemplates"):
            engine["DIRS"] = [*engine.get("DIRS", []), str(APP_DIR / "templates")]
            engine.setdefault("OPTIONS", {}).setdefault("libraries", {})["machine_translation"] = (
                "engage.machine_translation.templatetags.machine_translation"
            )
    return templates


@pytest.fixture(autouse=True, scope="package")
def _machine_translation_installed():
    from django.conf import settings

    overrides = [override_settings(ROOT_URLCONF="tests.machine_translation.urls")]
    if APP not in settings.INSTALLED_APPS:
        overrides.append(override_settings(TEMPLATES=templates_with_the_app(settings.TEMPLATES)))
    for override in overrides:
        override.enable()
    yield
    for override in reversed(overrides):
        override.disable()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def libretranslate():
    server = FakeLibreTranslate().start()
    yield server
    server.stop()


@pytest.fixture
def translating(settings, libretranslate):
    """The LibreTranslate backend, pointed at the fake server."""
    settings.MACHINE_TRANSLATION_BACKEND = "libretranslate"
    settings.MACHINE_TRANSLATION_URL = libretranslate.url
    settings.MACHINE_TRANSLATION_API_KEY = "test-key"
    settings.MACHINE_TRANSLATION_TIMEOUT = 1.0
    return libretranslate
