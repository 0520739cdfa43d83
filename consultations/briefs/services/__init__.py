"""Writes to briefs: comments, suggestions, server-made changes, revisions, sign-off.

Views, the API and the WebSocket consumer all call these. Each checks its rule
(consultations/briefs/rules.py), validates, writes in one transaction with the
contribution record and the participation ledger, and registers live updates with
`transaction.on_commit` (`live.py`, which calls `rooms.publish_update` /
`rooms.publish_event`).

- `access`: finding a session's brief; may this person change it now (`update_refusal`)
- `editing`: changes the server makes to the document, revisions on demand and restore
- `discussion`: comments and suggestions
- `signoff`: marking final, sign-off, publication
- `live`: the after-commit pushes to open editors

The document's storage (the update log, compaction) is `document_store`, revisions are
`revisions` and the figures by role `contribution_figures`, beside this package: the
rooms save through them without importing services. They are re-exported here, so
`services.load_document` and the like keep working for callers outside the app.
"""

from ..contribution_figures import CONTRIBUTION_FIGURES, contributions
from ..document_store import (
    compact,
    load_document,
    record_update,
    record_updates,
    save_missing_state,
)
from ..revisions import diff_html, snapshot_if_due, take_snapshot
from .access import brief_for_session, find_brief, session_scope, update_refusal
from .discussion import (
    QUOTE_MAX_LENGTH,
    accept_suggestion,
    post_comment,
    reject_suggestion,
    suggest,
)
from .editing import apply_server_change, current_html, restore_snapshot, snapshot_on_demand
from .signoff import mark_final, named_coauthors, publish, reopen, sign_off, signoff_coauthors

__all__ = [
    "CONTRIBUTION_FIGURES",
    "QUOTE_MAX_LENGTH",
    "accept_suggestion",
    "apply_server_change",
    "brief_for_session",
    "compact",
    "contributions",
    "current_html",
    "diff_html",
    "find_brief",
    "load_document",
    "mark_final",
    "named_coauthors",
    "post_comment",
    "publish",
    "record_update",
    "record_updates",
    "reject_suggestion",
    "reopen",
    "restore_snapshot",
    "save_missing_state",
    "session_scope",
    "sign_off",
    "signoff_coauthors",
    "snapshot_if_due",
    "snapshot_on_demand",
    "suggest",
    "take_snapshot",
    "update_refusal",
]
