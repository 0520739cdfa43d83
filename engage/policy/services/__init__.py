"""Writes of the policy app, by concern:

- `exports`: `record_export`, the audit of every file that leaves Engage;
- `agreements`: an agreement's life (sent for signature, signed, withdrawn, terminated);
- `reminders`: review and expiry reminders;
- `requests`: information requests between agencies.

`record_export` is importable from here, as it always was.
"""

from .exports import record_export

__all__ = ["record_export"]
