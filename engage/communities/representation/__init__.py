"""Representation reports: who took part in a scope, against the population baseline.

`representation_report(scope)` counts the distinct people in the participation ledger
for a scope, plus anonymous offline participants, joins their consented declarations
and aggregates in SQL (GROUP BY dimension and category; a handful of queries whatever
the number of participants). It compares each group's share with the baseline of the
scope's area and flags under- and over-represented and absent groups, with a 95%
Wilson interval, and per dimension the declaration coverage, the total variation
distance and a chi-square goodness-of-fit p-value. Reports are cached per scope until
participation or declarations change (`report_cache`).

The report object holds raw counts for internal use (`as_dict()`); everything shown
or exported must use `publishable()`, which applies small-cell suppression.

The modules, by concern:

- `report`: the report's dataclasses and `representation_report`, built in SQL;
- `baselines`: which area's baseline a scope compares with (`resolve_baseline`);
- `flags`: `Flag` and `flag_for`, a group's share against its baseline share;
- `statistics`: the Wilson interval, chi-square test and total variation distance;
- `publishable`: small-cell suppression of a report, and its CSV rows.

The names most callers need are importable from the package itself.
"""

from .baselines import BaselineNotFound, ScopeNotFound, city_area, scope_area
from .flags import Flag
from .publishable import CSV_COLUMNS, publishable_report, publishable_rows
from .report import RepresentationReport, representation_report

__all__ = [
    "CSV_COLUMNS",
    "BaselineNotFound",
    "Flag",
    "RepresentationReport",
    "ScopeNotFound",
    "city_area",
    "publishable_report",
    "publishable_rows",
    "representation_report",
    "scope_area",
]
