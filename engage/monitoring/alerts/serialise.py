"""An alert as the command prints it and the task returns it."""

from . import rules as maths


def alert_line(alert):
    """{"rule", "scope", "period", "explanation"}: the rule's name, the scope, the ISO
    week (`2026-W48`) and the explanation in the site's default language."""
    return {
        "rule": str(alert.rule.name),
        "scope": alert.scope,
        "period": maths.iso_week(alert.period),
        "explanation": alert.explanation,
    }
