"""Tokenism checks about who a consultation reached: only the groups it directly
affects (`wider_audience_missing`), or not the largest group of its area
(`majority_viewpoint_missing`)."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ..models import Declaration, OfflineDeclaration, OfflineParticipant, Participation, ScopeType
from ..representation import Flag
from ..scopes import Scope, scope_object
from .findings import MAJORITY_MISSING, WIDER_AUDIENCE_MISSING, Finding


def wider_audience_share():
    """The share of declared participants from directly affected groups at which a
    consultation is flagged "wider audience missing" (setting, default 0.9)."""
    return settings.TOKENISM_WIDER_AUDIENCE_SHARE


def _percent(value):
    return f"{round(value * 100)}%"


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
