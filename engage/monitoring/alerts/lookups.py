"""`ListIncludes`: a JSON list holds given values, in SQL on PostgreSQL and SQLite.

Django's JSONField `contains` lookup is not supported on SQLite, where `make demo`
runs. `ListIncludes` is the condition alerts need from their `consultations` and
`policy_areas` lists, in each database's own SQL: PostgreSQL's `@>` (what `contains`
gives there) and SQLite's `json_each`.
"""

import json

from django.db import NotSupportedError
from django.db.models import F, Lookup


class ListIncludes(Lookup):
    """The JSON list in `field` holds every one of `values` (strings or integers): a
    condition for `filter()` or `Q()`, e.g. `Q(ListIncludes("consultations", [12]))`.
    A value matches an element of the same JSON type: the string "12" is not 12."""

    lookup_name = "list_includes"  # for Django's bookkeeping; not registered on a field
    prepare_rhs = False

    def __init__(self, field, values):
        values = list(values)
        if not all(
            isinstance(value, (str, int)) and not isinstance(value, bool) for value in values
        ):
            raise TypeError("ListIncludes compares strings and integers only.")
        super().__init__(F(field) if isinstance(field, str) else field, json.dumps(values))

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @> ({rhs})::jsonb", (*lhs_params, *rhs_params)

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # A list (as `@>` with a list: an object holds no list's values) from which no
        # wanted value is missing.
        sql = (
            f"(json_type({lhs}) = 'array' AND NOT EXISTS ("  # noqa: S608 - a compiled column and placeholders; the values are parameters
            f"SELECT 1 FROM json_each({rhs}) AS wanted WHERE NOT EXISTS ("
            f"SELECT 1 FROM json_each({lhs}) AS held"
            " WHERE held.type = wanted.type AND held.value = wanted.value)))"
        )
        return sql, (*lhs_params, *rhs_params, *lhs_params)

    def as_sql(self, compiler, connection):
        raise NotSupportedError(f"ListIncludes has no SQL for {connection.vendor}.")
