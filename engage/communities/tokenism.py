"""Tokenism checks: patterns where people are present in name but not in voice.

Five checks, each returning `Finding`s with a translated explanation (what was
measured and why it matters) and a suggested action:

- `sole_voice`: a community group represented by exactly one community leader among
  the participants of a co-design session, or of a consultation and its sessions;
- `present_but_not_heard`: in a session, a group's share of brief contributors is less
  than half its share of attendance (the contribution source can be plugged in);
- `gatekeeping`: one leader is the only leader-voice of a group in most of that
  group's sessions over the last 12 months;
- `wider_audience_missing`: almost all of a consultation's declared participants belong
  to its directly affected groups (`TOKENISM_WIDER_AUDIENCE_SHARE`, default 0.9);
- `majority_viewpoint_missing`: the largest baseline group of a dimension is flagged
  under-represented or absent in a representation report.

Every check aggregates in SQL (GROUP BY) and returns no per-person figures. Residents
are never named. Leaders may be named to staff in the sole-voice and gatekeeping
findings, because a leader's mandate is public; `Finding.public()` drops those names
for everyone else (partners, the API). Findings carry no counts, so they cannot reveal
a cell the representation report suppresses; groups with fewer attendees than
`SMALL_CELL_THRESHOLD` are not assessed for "present but not heard".
"""

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    Action,
    Category,
    Declaration,
    OfflineDeclaration,
    OfflineParticipant,
    Participation,
    ScopeType,
)
from .representation import Flag
from .scopes import CITY, Scope, scope_object, scope_parts, started_between

SOLE_VOICE = "sole_voice"
PRESENT_NOT_HEARD = "present_not_heard"
GATEKEEPING = "gatekeeping"
WIDER_AUDIENCE_MISSING = "wider_audience_missing"
MAJORITY_MISSING = "majority_missing"

CHECKS = {
    SOLE_VOICE: _("Sole voice"),
    PRESENT_NOT_HEARD: _("Present but not heard"),
    GATEKEEPING: _("Gatekeeping"),
    WIDER_AUDIENCE_MISSING: _("Wider audience missing"),
    MAJORITY_MISSING: _("Majority viewpoint missing"),
}

GATEKEEPING_DAYS = 365
GATEKEEPING_MIN_SESSIONS = 2


@dataclass
class Finding:
    """One tokenism pattern found in one place. `leaders` (public names of community
    leaders) is for staff only: use `public()` for anyone else."""

    check: str
    scope: str
    explanation: str
    action: str
    group: str = ""
    dimension: str = ""
    leaders: list = field(default_factory=list)

    @property
    def title(self):
        return str(CHECKS[self.check])

    def public(self):
        """The finding without leaders' names: for partners and the API."""
        data = asdict(self)
        data.pop("leaders")
        data["title"] = self.title
        return data

    def for_staff(self):
        data = asdict(self)
        data["title"] = self.title
        return data


def wider_audience_share():
    """The share of declared participants from directly affected groups at which a
    consultation is flagged "wider audience missing" (setting, default 0.9)."""
    return settings.TOKENISM_WIDER_AUDIENCE_SHARE


def _percent(value):
    return f"{round(value * 100)}%"


def _scope_filter(scopes):
    """A Q matching ledger rows in any of `scopes` (recorded scopes only)."""
    condition = Q(pk__in=[])
    for scope in scopes:
        condition |= Q(scope_type=scope.kind, scope_id=scope.key)
    return condition


def framing_scopes(scope):
    """Where a scope is framed: a session is its own; a consultation is itself and the
    co-design sessions linked to it."""
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    return [scope, *scope_parts(scope)]


def _leader_names(user_ids):
    from engage.accounts.models import User

    return {user.pk: str(user.public_name) for user in User.objects.filter(pk__in=user_ids)}


def _group_names(category_ids):
    return {
        category.pk: category
        for category in Category.objects.filter(pk__in=category_ids).select_related("dimension")
    }


# --- Sole voice ----------------------------------------------------------------------


def sole_voice(scope):
    """Groups represented by exactly one community leader among the participants of a
    session, or of a consultation together with its co-design sessions."""
    from engage.accounts.models import CommunityLeadership

    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    scopes = framing_scopes(scope)
    people = Participation.objects.filter(_scope_filter(scopes)).values("user_id")
    rows = (
        CommunityLeadership.objects.filter(revoked_at__isnull=True, user_id__in=people)
        .values("community_group_id")
        .annotate(leaders=Count("user_id", distinct=True), leader_id=Min("user_id"))
        .filter(leaders=1)
        .order_by()
    )
    rows = list(rows)
    groups = _group_names([row["community_group_id"] for row in rows])
    names = _leader_names([row["leader_id"] for row in rows])
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


# --- Present but not heard -----------------------------------------------------------


def _declared_counts(user_ids):
    """{(dimension id, category id): people} among `user_ids` (a values queryset) who
    declared a category (prefer-not-to-say is left out)."""
    rows = (
        Declaration.objects.filter(user_id__in=user_ids, category__isnull=False)
        .values("dimension_id", "category_id")
        .annotate(people=Count("user_id", distinct=True))
        .order_by()
    )
    return {(row["dimension_id"], row["category_id"]): row["people"] for row in rows}


class LedgerContributors:
    """The default contribution source: people who contributed to the brief at least
    once (`Action.CONTRIBUTED` in the participation ledger), per declared group.

    A contribution source is any callable taking a session scope and returning
    {(dimension id, category id): amount}, with a `description` saying what it
    measures; the co-design per-edit records can replace this one (for example to count
    edits and comments rather than people) without changing the check.
    """

    description = _("people who contributed to the brief at least once")

    def __call__(self, scope):
        contributors = (
            Participation.objects.in_scope(scope).with_action(Action.CONTRIBUTED).values("user_id")
        )
        return _declared_counts(contributors)


ledger_contributors = LedgerContributors()


def _totals(counts):
    totals = defaultdict(int)
    for (dimension_id, _category_id), amount in counts.items():
        totals[dimension_id] += amount
    return totals


def present_but_not_heard(scope, contributions=ledger_contributors, min_attendance=None):
    """Groups whose share of contributions in a session is less than half their share
    of attendance. Shares are taken per dimension among people who declared a
    category. Groups with fewer than `min_attendance` attendees (default the
    small-cell threshold) are not assessed."""
    scope = scope if isinstance(scope, Scope) else Scope.parse(scope)
    if scope.kind != ScopeType.SESSION:
        return []
    minimum = settings.SMALL_CELL_THRESHOLD if min_attendance is None else min_attendance
    attendees = Participation.objects.in_scope(scope).with_action(Action.ATTENDED).values("user_id")
    attendance = _declared_counts(attendees)
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
    groups = _group_names(flagged)
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


# --- Gatekeeping ---------------------------------------------------------------------


def gatekeeping(now=None, days=GATEKEEPING_DAYS, min_sessions=GATEKEEPING_MIN_SESSIONS):
    """Leaders who were the only leader-voice of their group in more than half of the
    co-design sessions (over the last `days`) where that group had any leader present."""
    from engage.accounts.models import CommunityLeadership

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
    groups = _group_names([group for group, _leader in flagged])
    names = _leader_names([leader for _group, leader in flagged])
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


# --- Wider audience missing ----------------------------------------------------------


def wider_audience_missing(consultation, threshold=None):
    """A finding when at least `threshold` (setting) of the consultation's participants
    who declared a category, in a dimension of its directly affected groups, belong to
    those groups. Online and offline participants both count; fewer declarations than
    the small-cell threshold are not assessed."""
    if isinstance(consultation, int | str):
        consultation = scope_object(Scope(ScopeType.CONSULTATION, str(consultation)))
        if consultation is None:
            return []
    limit = wider_audience_share() if threshold is None else threshold
    affected = list(consultation.affected_groups.select_related("dimension"))
    if not affected:
        return []
    affected_ids = [group.pk for group in affected]
    dimension_ids = {group.dimension_id for group in affected}
    scope = Scope(ScopeType.CONSULTATION, str(consultation.pk))

    online = Declaration.objects.filter(
        user_id__in=Participation.objects.in_scope(scope).values("user_id"),
        dimension_id__in=dimension_ids,
        category__isnull=False,
    ).aggregate(
        declared=Count("user_id", distinct=True),
        affected=Count("user_id", distinct=True, filter=Q(category_id__in=affected_ids)),
    )
    offline = OfflineDeclaration.objects.filter(
        participant__in=OfflineParticipant.objects.in_scope(scope).values("pk"),
        dimension_id__in=dimension_ids,
        category__isnull=False,
    ).aggregate(
        declared=Count("participant_id", distinct=True),
        affected=Count("participant_id", distinct=True, filter=Q(category_id__in=affected_ids)),
    )
    declared = online["declared"] + offline["declared"]
    in_affected = online["affected"] + offline["affected"]
    if declared < settings.SMALL_CELL_THRESHOLD or in_affected / declared < limit:
        return []
    group_names = ", ".join(str(group.name) for group in affected)
    wider = ", ".join(str(group.name) for group in consultation.wider_audience.all())
    if wider:
        action = _(
            "Reach the wider audience named for this consultation (%(wider)s): go where "
            "they already are, and explain why their view matters even if the proposal "
            "does not affect them directly."
        ) % {"wider": wider}
    else:
        action = _(
            "Name a wider audience for this consultation, then reach it: go where those "
            "residents already are, and explain why their view matters even if the "
            "proposal does not affect them directly."
        )
    return [
        Finding(
            check=WIDER_AUDIENCE_MISSING,
            scope=str(scope),
            group=group_names,
            explanation=str(
                _(
                    "At least %(limit)s of the participants who told us about themselves "
                    "belong to the groups this consultation directly affects (%(groups)s). "
                    "A policy framed only by those it affects misses the wider context, and "
                    "can look to everyone else like a favour to one group."
                )
                % {"limit": _percent(limit), "groups": group_names}
            ),
            action=str(action),
        )
    ]


# --- Majority viewpoint missing ------------------------------------------------------


def majority_viewpoint_missing(report):
    """For each dimension of a `RepresentationReport`, a finding when its largest
    baseline group is flagged under-represented or absent."""
    findings = []
    for dimension in report.dimensions:
        counted = [row for row in dimension.rows if not row.excluded]
        if not counted:
            continue
        largest = max(counted, key=lambda row: row.baseline_share)
        if largest.flag not in (Flag.UNDER, Flag.ABSENT):
            continue
        findings.append(
            Finding(
                check=MAJORITY_MISSING,
                scope=report.scope,
                group=str(largest.name),
                dimension=str(dimension.name),
                explanation=str(
                    _(
                        "%(group)s is the largest group by %(dimension)s in %(area)s, but it "
                        "is %(flag)s among the participants. Equal representation includes "
                        "the majority: without it, the result can read as one community's "
                        "view and deepen division."
                    )
                    % {
                        "group": largest.name,
                        "dimension": dimension.name,
                        "area": report.baseline_area_name,
                        "flag": Flag.labels[largest.flag],
                    }
                ),
                action=str(
                    _(
                        "Reach %(group)s residents through everyday channels (local press, "
                        "schools, workplaces, sports clubs) and make clear the consultation "
                        "is for them too."
                    )
                    % {"group": largest.name}
                ),
            )
        )
    return findings


# --- All checks for a scope ----------------------------------------------------------


def findings_for(scope, report=None, contributions=ledger_contributors):
    """Every tokenism finding that applies to `scope` (a `Scope` or its text).

    A session: sole voice, present but not heard. A consultation: sole voice (with its
    sessions), present but not heard in each of its sessions, wider audience missing. The city: gatekeeping. Any scope with a
    `report`: majority viewpoint missing.
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
