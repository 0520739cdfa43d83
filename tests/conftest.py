"""Suite-wide fixtures and the real-services policy.

Tests marked `postgres` or `redis` need the real service. When it does not answer:
with REQUIRE_SERVICES=1 the whole run fails at once; otherwise those tests are skipped
and the summary says why (engage/settings/test.py decides what answered).
"""

import contextlib
import json
import warnings
from collections import Counter

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


# --- a faster serialized rollback ------------------------------------------------------

SNAPSHOT_SCHEMA = "engage_test_snapshot"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus a faster serialized rollback and flush on
    PostgreSQL (install_fast_flush below).

    A transactional test with `django_db_serialized_rollback` (every browser and live
    server test) ends by flushing every table and starts by restoring what migrations
    created (Wagtail's root page and site, role groups, content types, permissions).
    Django restores those rows from its JSON serialization, one INSERT per row and
    per many-to-many set, which costs seconds per test on a loaded machine. Here the
    same rows are copied once, right after the migrations, into the tables of a
    separate schema, and each restore copies them back with one INSERT ... SELECT per
    table, in one transaction, checking the deferred foreign keys at the end as Django
    does. The copy is checked against Django's serialization (the same tables, row for
    row); if they ever differ, Django's own restore is kept.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            install_fast_restore(connections[alias])
            install_fast_flush(connections[alias])
    yield django_db_setup
    # If the last test was transactional, the database is empty now; put back what
    # migrations created, so that a later run with --reuse-db serializes (and restores)
    # the same rows as a run on a new database.
    with django_db_blocker.unblock():
        for alias in connections:
            restore = getattr(connections[alias], "engage_restore_migrated_rows", None)
            if restore is not None:
                with contextlib.suppress(Exception):
                    with connections[alias].cursor() as cursor:
                        cursor.execute("SET lock_timeout = '10s'")  # never hang the run's end
                    restore()


def install_fast_flush(connection):
    """Empty the tables with DELETE rather than TRUNCATE at the end of a transactional test.

    TRUNCATE gives each of the ~160 tables (and their indexes) new files, seconds of
    file-system work per test on a loaded machine, although a test fills only a few of
    them; a DELETE of an empty table costs next to nothing. The end state is the same
    (every table empty, sequences untouched as in Django's flush without
    reset_sequences), provided every foreign key is deferrable (checked once, at commit,
    when all rows are gone) and no table has a trigger of its own (TRUNCATE fires none):
    both are checked here, and otherwise Django's TRUNCATE is kept. A flush that resets
    sequences or cascades (reset_sequences, available_apps) also keeps Django's way.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE c.contype = 'f' AND NOT c.condeferrable AND n.nspname = current_schema()"
        )
        immediate_keys = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = r.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
        triggers = cursor.fetchone()[0]
    if immediate_keys or triggers:
        return
    original = connection.ops.sql_flush
    quote = connection.ops.quote_name

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        deletes = " ".join(f"DELETE FROM {quote(table)};" for table in tables)  # noqa: S608
        return [f"DO $$BEGIN SET CONSTRAINTS ALL DEFERRED; {deletes} END$$"]

    connection.ops.sql_flush = sql_flush


def serialized_tables(connection):
    """{table: (model label, primary key column)} for the models Django serializes for a
    serialized rollback (BaseDatabaseCreation.serialize_db_to_string); the label is None
    for their auto-created many-to-many tables."""
    from django.apps import apps
    from django.db import router
    from django.db.migrations.loader import MigrationLoader

    migrated = MigrationLoader(connection).migrated_apps
    tables = {}
    for app_config in apps.get_app_configs():
        if (
            app_config.models_module is None
            or app_config.label not in migrated
            or app_config.name in settings.TEST_NON_SERIALIZED_APPS
        ):
            continue
        for model in app_config.get_models():
            if not (
                model._meta.can_migrate(connection)
                and router.allow_migrate_model(connection.alias, model)
            ):
                continue
            tables[model._meta.db_table] = (model._meta.label_lower, model._meta.pk.column)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created:
                    tables[through._meta.db_table] = (None, through._meta.pk.column)
    return tables


def serialized_counts(contents):
    """How many rows of each model, and of auto-created many-to-many links, the
    serialization holds."""
    from django.apps import apps

    rows, links = Counter(), 0
    m2m = {}
    for obj in json.loads(contents):
        label = obj["model"]
        rows[label] += 1
        if label not in m2m:
            m2m[label] = [
                field.name
                for field in apps.get_model(label)._meta.local_many_to_many
                if field.remote_field.through._meta.auto_created
            ]
        links += sum(len(obj["fields"].get(name) or ()) for name in m2m[label])
    return rows, links


def install_fast_restore(connection):
    contents = getattr(connection, "_test_serialized_contents", None)
    if connection.vendor != "postgresql" or contents is None:
        return
    quote = connection.ops.quote_name
    schema = quote(SNAPSHOT_SCHEMA)
    tables = serialized_tables(connection)
    copied = {}  # table -> INSERT ... SELECT statement
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 - our tables
            counts[table] = cursor.fetchone()[0]
            if not counts[table]:
                continue
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND table_schema = current_schema() AND is_generated = 'NEVER' "
                "ORDER BY ordinal_position",
                [table],
            )
            names = [row[0] for row in cursor.fetchall()]
            columns = ", ".join(quote(name) for name in names)
            cursor.execute(
                f"CREATE TABLE {schema}.{quote(table)} AS "  # noqa: S608 - our tables
                f"SELECT {columns} FROM {quote(table)}"
            )
            label, pk = tables[table]
            # As Django's restore (a raw save: UPDATE, else INSERT) when a row is there
            # already (the first transactional test starts on an unflushed database).
            on_conflict = "ON CONFLICT DO NOTHING"
            updated = [name for name in names if name != pk]
            if label and updated:
                assignments = ", ".join(f"{quote(n)} = EXCLUDED.{quote(n)}" for n in updated)
                on_conflict = f"ON CONFLICT ({quote(pk)}) DO UPDATE SET {assignments}"
            copied[table] = (
                f"INSERT INTO {quote(table)} ({columns}) "  # noqa: S608 - our tables
                f"SELECT {columns} FROM {schema}.{quote(table)} {on_conflict}"
            )
    rows, links = serialized_counts(contents)
    model_rows = Counter(
        {label: counts[t] for t, (label, _pk) in tables.items() if label and counts[t]}
    )
    link_rows = sum(counts[t] for t, (label, _pk) in tables.items() if label is None)
    if model_rows != rows or link_rows != links:
        warnings.warn(
            "The copy for the fast serialized rollback differs from Django's serialization; "
            "Django's slower restore is used (see tests/conftest.py).",
            stacklevel=1,
        )
        return

    original = connection.creation.deserialize_db_from_string

    def deserialize_db_from_string(data):
        if data is not contents and data != contents:
            return original(data)
        from django.db import transaction

        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for statement in copied.values():
                cursor.execute(statement)
            connection.check_constraints(table_names=list(copied))
        return None

    connection.creation.deserialize_db_from_string = deserialize_db_from_string
    connection.engage_restore_migrated_rows = lambda: deserialize_db_from_string(contents)


# --- the demo city, seeded once per run ------------------------------------------------


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo city's rows, seeded once per run (DemoSnapshot); None off PostgreSQL."""
    from django.db import connection

    from tests.demo_city import DemoSnapshot

    if connection.vendor != "postgresql":
        return None
    with django_db_blocker.unblock():
        if connection.in_atomic_block:
            pytest.fail(
                "demo_snapshot was first requested inside another fixture's transaction: "
                "request it before that fixture (as a dependency)",
                pytrace=False,
            )
        return DemoSnapshot(connection).build()


@pytest.fixture
def demo_city(db, demo_snapshot):
    """The Northbridge demo city, as `seed_demo` creates it on a new database
    (tests/demo_city.py)."""
    from tests.demo_city import seed_demo_city

    seed_demo_city(demo_snapshot)


# --- every test ----------------------------------------------------------------------


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
