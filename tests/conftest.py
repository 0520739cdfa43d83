"""Suite-wide fixtures and the real-services policy.

Tests marked `postgres` or `redis` need the real service. When it does not answer:
with REQUIRE_SERVICES=1 the whole run fails at once; otherwise those tests are skipped
and the summary says why (engage/settings/test.py decides what answered).
"""

import pytest
from django.conf import settings
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English.

    A request through LocaleMiddleware leaves its language active in the thread, and
    modeltranslation writes `title=` to the active language's column; without this, a
    page built after a request to /fr/ would have a French title and no English one.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def home_page(db):
    """A HomePage at the site root (replacing Wagtail's welcome page)."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    root = Page.get_first_root_node()
    if root is None:
        # A transactional test flushed what Wagtail's migrations created; rebuild it.
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(title="Root", slug="root")
    # Wagtail's first migration leaves a plain "Welcome" page with the slug "home".
    for welcome in root.get_children().filter(content_type__model="page"):
        welcome.delete()
    home = HomePage(title="Northbridge", slug="home", intro="<p>Have your say.</p>")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def consultation_index(home_page):
    from consultations.models import ConsultationIndexPage

    index = ConsultationIndexPage(title="Consultations", slug="consultations")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def consultation(consultation_index):
    """An open, published consultation."""
    from tests.factories import build_consultation

    return build_consultation(consultation_index)


@pytest.fixture
def resident(db):
    from tests.factories import UserFactory

    return UserFactory()
