"""Signals of opinion maps.

`votes_changed` (sender: `OpinionMap`, `map_id`): a vote was cast or changed inside the
current transaction. `registrations` connects the debounced recomputation to it, so the
write path (`services`) does not import the task that itself calls `services`.
"""

from django.dispatch import Signal

votes_changed = Signal()
