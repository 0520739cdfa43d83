"""What went into a brief, summed by role, for staff (the brief's page).

Aggregates only: the privacy rule of reports. The tokenism check's source, which weighs
the same figures by declared group, is `contributions.brief_voice`.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultations.codesign.models import Invitation
from engage.accounts.rules import CITY_STAFF

CONTRIBUTION_FIGURES = (
    "chars_added",
    "chars_removed",
    "suggestions_made",
    "suggestions_accepted",
    "comments",
)


def contributions(brief):
    """What went into the brief, summed by role (co-authors, participants, city staff),
    for staff: aggregates only, never a person's name or figures (the privacy
    rule of reports). Returns {"rows": [{"role", "people", <figures>}], "coauthors",
    "silent_coauthors"}: how many co-authors there are and how many have not
    contributed, so staff can still check that every co-author was heard."""
    figures = list(brief.contributions.values_list("user_id", *CONTRIBUTION_FIGURES))
    invited = dict(
        Invitation.objects.filter(
            session_id=brief.session_id, user__isnull=False, status=Invitation.Status.ACCEPTED
        ).values_list("user_id", "role")
    )
    staff = set(
        get_user_model()
        .objects.filter(pk__in=[row[0] for row in figures])
        .filter(Q(is_superuser=True) | Q(groups__name=CITY_STAFF))
        .values_list("pk", flat=True)
    )
    roles = {
        Invitation.Role.COAUTHOR: Invitation.Role.COAUTHOR.label,
        Invitation.Role.PARTICIPANT: Invitation.Role.PARTICIPANT.label,
        "staff": _("city staff"),
    }
    totals = {key: {"role": label, "people": 0} for key, label in roles.items()}
    contributed = set()
    for user_id, *values in figures:
        # Anyone else who could write in the brief took part in the session.
        key = "staff" if user_id in staff else invited.get(user_id, Invitation.Role.PARTICIPANT)
        row = totals[key]
        row["people"] += 1
        for name, value in zip(CONTRIBUTION_FIGURES, values, strict=True):
            row[name] = row.get(name, 0) + value
        if any(values):
            contributed.add(user_id)
    coauthors = {
        user_id for user_id, role in invited.items() if role == Invitation.Role.COAUTHOR
    } - staff
    return {
        "rows": [row for row in totals.values() if row["people"]],
        "coauthors": len(coauthors),
        "silent_coauthors": len(coauthors - contributed),
    }
