"""Rate-limit tests start from empty counters and small, fast limits."""

import pytest
from django.core.cache import cache

SMALL_LIMITS = {
    "comment": {"user": [(2, 60), (4, 3600)], "address": [(3, 60)]},
    "reaction": {"user": [(2, 60)], "address": [(3, 60)]},
    "survey": {"user": [(2, 60)], "address": [(3, 60)]},
}


@pytest.fixture(autouse=True)
def _small_limits(settings):
    cache.clear()
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = SMALL_LIMITS
    settings.ENGAGE_TRUSTED_PROXIES = []
    yield
    cache.clear()
