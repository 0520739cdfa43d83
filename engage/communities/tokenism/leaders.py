"""Tokenism checks about community leaders: one leader as the only voice of a group in
a place (`sole_voice`), or in most of the group's sessions over a year (`gatekeeping`).
Leaders may be named to staff: a leader's mandate is public."""

import datetime
from collections import defaultdict

from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import CommunityLeadership

from ..models import Participation, ScopeType
from ..scopes import CITY, Scope, started_between
from .findings import (
    GATEKEEPING,
    SOLE_VOICE,
    Finding,
    framing_scopes,
    group_names,
    leader_names,
    scope_filter,
)

GATEKEEPING_DAYS = 365
GATEKEEPING_MIN_SESSIONS = 2


def sole_voice(scope):
    """Groups represented by exactly one community leader among the participants of a
    session, or of a consultation together with its co-design sessions."""

    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    scopes = framing_scopes(scope)
    people = Participation.objects.filter(scope_filter(scopes)).values("user_id")
    rows = (
        CommunityLeadership.objects.filter(revoked_at__isnull=True, user_id__in=people)
        .values("community_group_id")
        .annotate(leaders=Count("user_id", distinct=True), leader_id=Min("user_id"))
        .filter(leaders=1)
        .order_by()
    )
    rows = list(rows)
    groups = group_names([row["community_group_id"] for row in rows])
    names = leader_names([row["leader_id"] for row in rows])
    where = (
        _("this co-design session")
        if scope.kind == ScopeType.SESSION
        else _("this consultation and its co-design sessions")
    )
    findings = []
    for row in rows:
        group = groups[row["community_group_id"]]
        findings.append(
            Finding(
                check=SOLE_VOICE,
                scope=str(scope),
                group=str(group.name),
                dimension=str(group.dimension.name),
                leaders=[names.get(row["leader_id"], "")],
                explanation=str(
                    _(
                        "%(group)s was represented by only one community leader in %(where)s. "
                        "One person cannot carry the range of views in a community, and a "
                        "single voice is easy to overlook or to lean on too heavily."
                    )
                    % {"group": group.name, "where": where}
                ),
                action=str(
                    _(
                        "Invite at least one more leader or member of %(group)s, for example "
                        "through community organisations, and ask the current leader who "
                        "else should be heard."
                    )
                    % {"group": group.name}
                ),
            )
        )
    return sorted(findings, key=lambda f: (f.dimension, f.group))


def gatekeeping(now=None, days=GATEKEEPING_DAYS, min_sessions=GATEKEEPING_MIN_SESSIONS):
    """Leaders who were the only leader-voice of their group in more than half of the
    co-design sessions (over the last `days`) where that group had any leader present."""

    now = now or timezone.now()
    session_ids = started_between(ScopeType.SESSION, now - datetime.timedelta(days=days), now)
    if not session_ids:
        return []
    rows = (
        CommunityLeadership.objects.filter(
            Q(revoked_at__isnull=True) | Q(revoked_at__gt=F("user__participations__first_at")),
            user__participations__scope_type=ScopeType.SESSION,
            user__participations__scope_id__in=session_ids,
        )
        .values("community_group_id", "user__participations__scope_id")
        .annotate(leaders=Count("user_id", distinct=True), leader_id=Min("user_id"))
        .order_by()
    )
    sessions = defaultdict(int)  # group -> sessions with a leader voice
    sole = defaultdict(lambda: defaultdict(int))  # group -> leader -> sessions alone
    for row in rows:
        group = row["community_group_id"]
        sessions[group] += 1
        if row["leaders"] == 1:
            sole[group][row["leader_id"]] += 1
    flagged = []
    for group, total in sessions.items():
        if total < min_sessions or not sole[group]:
            continue
        leader_id, alone = max(sole[group].items(), key=lambda item: item[1])
        if alone > total / 2:
            flagged.append((group, leader_id))
    groups = group_names([group for group, _leader in flagged])
    names = leader_names([leader for _group, leader in flagged])
    findings = []
    for group_id, leader_id in flagged:
        group = groups[group_id]
        findings.append(
            Finding(
                check=GATEKEEPING,
                scope=str(Scope(CITY)),
                group=str(group.name),
                dimension=str(group.dimension.name),
                leaders=[names.get(leader_id, "")],
                explanation=str(
                    _(
                        "In most of the co-design sessions of the last 12 months where "
                        "%(group)s had a community leader present, the same leader was its "
                        "only one. When one person is always the way in, they become a "
                        "gatekeeper, and the views they do not share go unheard."
                    )
                    % {"group": group.name}
                ),
                action=str(
                    _(
                        "Widen the circle for %(group)s: grant more leadership mandates, "
                        "rotate who is invited, and reach members directly as well as "
                        "through their leader."
                    )
                    % {"group": group.name}
                ),
            )
        )
    return sorted(findings, key=lambda f: (f.dimension, f.group))
