"""Fixtures for the accounts tests."""

import itertools

import pytest

_cache_names = itertools.count()


@pytest.fixture(autouse=True)
def private_cache(settings):
    """A fresh in-process cache per test, so allauth's rate limits (kept in the cache)
    never carry over from one test, or one run, to the next."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"accounts-tests-{next(_cache_names)}",
        }
    }


@pytest.fixture
def no_mfa_exemptions(settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
