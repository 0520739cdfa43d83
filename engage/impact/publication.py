"""Checks an impact assessment must pass before it is published.

A feature app adds conditions here without engage/impact importing it (the layer
contract): `register_publication_check(fn)` in its AppConfig.ready(). Each check is
called as `fn(assessment)` and returns None when publishing may go on, or a translated
sentence that says what to do; `services.review.publish` refuses with that sentence.
"""

_checks = []


def register_publication_check(check):
    """Add `check(assessment) -> str | None`; registering the same function twice is a no-op."""
    if check not in _checks:
        _checks.append(check)
    return check


def unregister_publication_check(check):
    if check in _checks:
        _checks.remove(check)


def publication_problems(assessment):
    """The messages of every registered check that refuses `assessment`."""
    return [message for check in list(_checks) if (message := check(assessment))]
