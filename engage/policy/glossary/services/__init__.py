"""Writes of the glossary (STYLE.md: services for writes). Views, the API, the admin
hooks, the importers and the exchange kind all call these.

- `editing`: revisions of staff edits (and what an edit of agreed wording does),
  creating terms from data (imports, the demo), deletion;
- `workflow`: proposed → under review → agreed (→ retired), the partners' decisions.

Every write records an `AuditEntry` in its transaction and bumps the cached term lists
after commit (`engage.after_commit.on_commit_safely`).
"""

from .editing import create_term, link_related, record_deletion, record_edit  # noqa: F401
from .workflow import (  # noqa: F401
    decide,
    restore,
    retire,
    return_to_proposed,
    start_review,
)
