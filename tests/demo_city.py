"""The demo city for tests: what `seed_demo` creates, seeded once per run.

`seed_demo` takes 10-60 s depending on the machine's load, and many tests need the demo
city as it is on a new database. The `demo_snapshot` fixture (tests/conftest.py) runs
the command once per run and keeps what it wrote; `seed_demo_city(snapshot)` (and the
`demo_city` fixture) put those rows back in the current transaction.
"""

import io

from django.core.management import call_command


class DemoSnapshot:
    """What `seed_demo` changed in a migrated database, copied once per run.

    Built by running the real command once in a transaction that is rolled back: each
    table whose rows the command changed is copied out (COPY ... TO STDOUT, kept in
    memory), with a digest of its rows before the command ran. `restore()` puts those
    tables in their seeded state with one DELETE and one COPY ... FROM STDIN per table:
    the rows the command writes, in a fraction of its time (the command takes 10-60 s,
    depending on the machine's load). Nothing is committed, so nothing the command
    registers with `on_commit` runs, as in a test that calls it.
    """

    def __init__(self, connection):
        self.connection = connection
        self.tables = {}  # table -> (digest before seeding, column list, COPY data)

    def digests(self, cursor, tables):
        quote = self.connection.ops.quote_name
        if not tables:
            return {}
        cursor.execute(
            " UNION ALL ".join(
                "SELECT %s, md5(coalesce(string_agg(row::text, ',' ORDER BY row::text), '')) "  # noqa: S608 - our tables
                f"FROM {quote(table)} AS row"
                for table in tables
            ),
            list(tables),
        )
        return dict(cursor.fetchall())

    def build(self):
        from django.db import transaction

        quote = self.connection.ops.quote_name
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                "AND table_schema = current_schema() AND table_name <> 'django_migrations'"
            )
            tables = [row[0] for row in cursor.fetchall()]
            before = self.digests(cursor, tables)
            call_command("seed_demo", stdout=io.StringIO())
            after = self.digests(cursor, tables)
            for table in tables:
                if before[table] == after[table]:
                    continue
                cursor.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "AND table_schema = current_schema() AND is_generated = 'NEVER' "
                    "ORDER BY ordinal_position",
                    [table],
                )
                columns = ", ".join(quote(row[0]) for row in cursor.fetchall())
                with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) TO STDOUT") as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                self.tables[table] = (before[table], columns, data)
            transaction.set_rollback(True, using=self.connection.alias)
        return self

    def restore(self):
        """Put the seeded rows in, if the tables the command changes are as migrations
        left them (then True); otherwise change nothing and return False."""
        from django.core.cache import cache
        from django.db import transaction

        quote = self.connection.ops.quote_name
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            current = self.digests(cursor, list(self.tables))
            if any(current[table] != digest for table, (digest, *_rest) in self.tables.items()):
                return False
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in self.tables:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - our tables
            for table, (_digest, columns, data) in self.tables.items():
                with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
                    copy.write(data)
            self.connection.check_constraints(table_names=list(self.tables))
        # Cached values (Wagtail's site root paths, role caches) may describe rows that
        # an earlier test's rollback removed, under the ids the snapshot reuses.
        cache.clear()
        return True


def seed_demo_city(snapshot):
    """The demo city in the current transaction: the run's snapshot when the database
    is as migrations left it, `seed_demo` itself otherwise."""
    if snapshot is None or not snapshot.restore():
        call_command("seed_demo", stdout=io.StringIO())
