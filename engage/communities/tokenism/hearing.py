"""The tokenism check "present but not heard": in a co-design session, a group's share
of contributions is less than half its share of attendance. What counts as a
contribution comes from the contribution source registered for the scope's kind
(`sources`)."""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import Action, Participation, ScopeType
from ..scopes import Scope
from .findings import PRESENT_NOT_HEARD, Finding, group_names
from .sources import contribution_source, declared_counts


def _totals(counts):
    totals = defaultdict(int)
    for (dimension_id, _category_id), amount in counts.items():
        totals[dimension_id] += amount
    return totals


def present_but_not_heard(scope, contributions=None, min_attendance=None):
    """Groups whose share of contributions in a session is less than half their share
    of attendance. Shares are taken per dimension among people who declared a
    category. Groups with fewer than `min_attendance` attendees (default the
    small-cell threshold) are not assessed.

    `contributions`: the contribution source (see `sources`); by default the one
    registered for sessions (the brief's `brief_voice`), else the ledger's contributors.
    """
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    if scope.kind != ScopeType.SESSION:
        return []
    minimum = settings.SMALL_CELL_THRESHOLD if min_attendance is None else min_attendance
    attendees = Participation.objects.in_scope(scope).with_action(Action.ATTENDED).values("user_id")
    attendance = declared_counts(attendees)
    if contributions is None:
        contributions = contribution_source(scope)
    contributed = contributions(scope)
    attendance_totals, contribution_totals = _totals(attendance), _totals(contributed)
    flagged = []
    for (dimension_id, category_id), attended in attendance.items():
        if attended < minimum or not contribution_totals[dimension_id]:
            continue
        attendance_share = attended / attendance_totals[dimension_id]
        contribution_share = (
            contributed.get((dimension_id, category_id), 0) / contribution_totals[dimension_id]
        )
        if contribution_share < attendance_share / 2:
            flagged.append(category_id)
    groups = group_names(flagged)
    measure = getattr(contributions, "description", _("contributions to the brief"))
    findings = [
        Finding(
            check=PRESENT_NOT_HEARD,
            scope=str(scope),
            group=str(groups[category_id].name),
            dimension=str(groups[category_id].dimension.name),
            explanation=str(
                _(
                    "People from %(group)s attended this session, but their share of "
                    "%(measure)s was less than half their share of attendance (both among "
                    "people who told us about themselves). Being in the room is not the "
                    "same as being heard."
                )
                % {"group": groups[category_id].name, "measure": measure}
            ),
            action=str(
                _(
                    "Ask %(group)s participants what got in the way: language, pace, the "
                    "format or who held the pen. Try small-group drafting, interpreters or "
                    "a facilitator from the community next time."
                )
                % {"group": groups[category_id].name}
            ),
        )
        for category_id in flagged
    ]
    return sorted(findings, key=lambda f: (f.dimension, f.group))
