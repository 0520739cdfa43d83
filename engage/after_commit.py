"""Side effects after a commit that can never turn a committed write into an error.

Django runs `transaction.on_commit` callbacks one after the other once the transaction
has committed; if one raises, the exception reaches the caller (a saved comment answers
500, and the person posts again) and the callbacks registered after it never run. Every
after-commit step of Engage (cache bumps, live broadcasts, notification emails, tasks)
is registered through `on_commit_safely` instead:

    on_commit_safely(lambda: send_now(group, event, payload), "live update comment.created")

A step that fails is logged on `engage.after_commit` with its description and the
traceback, and the steps after it still run. The write itself is never undone or
reported as failed: each step is an enhancement, or can be retried by its own task.
"""

import logging

from django.db import transaction

logger = logging.getLogger("engage.after_commit")


def run_safely(function, what):
    """Call `function()`; log (never raise) whatever it raises. True when it succeeded."""
    try:
        function()
    except Exception:  # isolated on purpose, see the module docstring
        logger.exception("After-commit step failed (%s); the write stays committed", what)
        return False
    return True


def on_commit_safely(function, what, using=None):
    """`transaction.on_commit(function)`, isolated: a failure is logged, not raised.

    `what` says what the step does, for the log ("report cache bump", "live update …").
    Outside a transaction (autocommit) the step runs at once, as with `on_commit`.
    """
    transaction.on_commit(lambda: run_safely(function, what), using=using)
