"""Every tokenism check that applies to a scope, in one call (`findings_for`): what
the dashboard, the API and the PDF show."""

from ..models import ScopeType
from ..scopes import CITY, Scope, scope_object
from .audience import majority_viewpoint_missing, wider_audience_missing
from .findings import framing_scopes
from .hearing import present_but_not_heard
from .leaders import gatekeeping, sole_voice


def findings_for(scope, report=None, contributions=None):
    """Every tokenism finding that applies to `scope` (a `Scope` or its text).

    A session: sole voice, present but not heard. A consultation: sole voice (with its
    sessions), present but not heard in each of its sessions, wider audience missing.
    The city: gatekeeping. Any scope with a `report`: majority viewpoint missing.
    `contributions`: the contribution source for "present but not heard" (default: the
    one registered for each session's kind, see `sources`).
    """
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    findings = []
    if scope.kind == ScopeType.SESSION:
        findings += sole_voice(scope)
        findings += present_but_not_heard(scope, contributions)
    elif scope.kind == ScopeType.CONSULTATION:
        findings += sole_voice(scope)
        for session in framing_scopes(scope)[1:]:
            findings += present_but_not_heard(session, contributions)
        page = scope_object(scope)
        if page is not None:
            findings += wider_audience_missing(page)
    elif scope.kind == CITY:
        findings += gatekeeping()
    if report is not None:
        findings += majority_viewpoint_missing(report)
    return findings
