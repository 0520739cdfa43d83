"""Suite-wide fixtures and the real-services policy.

Tests marked `postgres` or `redis` need the real service. When it does not answer:
with REQUIRE_SERVICES=1 the whole run fails at once; otherwise those tests are skipped
and the summary says why (engage/settings/test.py decides what answered).
"""

import pytest
from django.conf import settings

SERVICES = {
    "postgres": ("POSTGRES_AVAILABLE", "PostgreSQL", "TEST_DATABASE_URL"),
    "redis": ("REDIS_AVAILABLE", "Redis", "TEST_REDIS_URL"),
}


def pytest_configure(config):
    missing = [
        f"{label} at {getattr(settings, url_setting)}"
        for flag, label, url_setting in SERVICES.values()
        if not getattr(settings, flag)
    ]
    if missing and settings.REQUIRE_SERVICES:
        pytest.exit(
            "REQUIRE_SERVICES=1 but these services do not answer: " + "; ".join(missing),
            returncode=3,
        )
    if missing:
        config.engage_missing_services = missing


def pytest_report_header(config):
    lines = [
        f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}",
        f"channel layer: {settings.CHANNEL_LAYERS['default']['BACKEND']}",
    ]
    missing = getattr(config, "engage_missing_services", [])
    if missing:
        lines.append("NOT REACHABLE, their tests are skipped: " + "; ".join(missing))
    return lines


def pytest_collection_modifyitems(config, items):
    for marker, (flag, label, url_setting) in SERVICES.items():
        if getattr(settings, flag):
            continue
        skip = pytest.mark.skip(
            reason=f"{label} is not reachable at {getattr(settings, url_setting)} "
            "(set REQUIRE_SERVICES=1 to make this an error)"
        )
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    missing = getattr(config, "engage_missing_services", [])
    if missing:
        terminalreporter.write_sep("=", "services not reachable", yellow=True)
        for line in missing:
            terminalreporter.write_line(f"  {line}: tests that need it were SKIPPED")
