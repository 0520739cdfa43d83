"""Places drawn by lot: the pool of volunteers, quotas from the city's baseline, and
the draw applied to the session (the seam to `engage.communities.panels`)."""

import math
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Rsvp
from .emails import email_on_commit
from .sessions import check_may_manage, locked_session

UNDECLARED = "undeclared"


def session_pool(session, dimension):
    """The volunteers of `session` (confirmed and waiting), as `panels.Volunteer`s.

    Each volunteer's feature is their consented self-declaration in `dimension` (the
    category's code), or "undeclared". Ids are RSVP ids, never names or accounts.
    """
    from engage.communities.models import Declaration
    from engage.communities.panels import Volunteer

    rows = list(Rsvp.objects.filter(session=session).active().order_by("pk"))
    declared = dict(
        Declaration.objects.filter(
            user_id__in=[row.user_id for row in rows],
            dimension=dimension,
            category__isnull=False,
            user__declaration_consents__withdrawn_at__isnull=True,
        ).values_list("user_id", "category__slug")
    )
    return [
        Volunteer(str(row.pk), {dimension.slug: declared.get(row.user_id, UNDECLARED)})
        for row in rows
    ]


def baseline_quotas(pool, dimension, size, area=None):
    """Quotas that make a panel of `size` mirror `area`'s population (the city by
    default) in `dimension`: for each group in the pool, its share of the population
    times the size, rounded down and up, give or take one. People who did not declare
    are allowed in freely (min 0)."""
    from engage.communities.models import BaselineShare
    from engage.communities.panels import Quota
    from engage.communities.representation import city_area

    area = area or city_area()
    shares = {}
    if area is not None:
        shares = dict(
            BaselineShare.objects.filter(area=area, category__dimension=dimension).values_list(
                "category__slug", "share"
            )
        )
    counts = Counter(volunteer.features[dimension.slug] for volunteer in pool)
    quotas = []
    for value, available in sorted(counts.items()):
        if value == UNDECLARED or value not in shares:
            quotas.append(Quota(dimension.slug, value, 0, size))
            continue
        target = float(shares[value]) * size
        low = max(math.floor(target) - 1, 0)
        high = min(math.ceil(target) + 1, size)
        quotas.append(Quota(dimension.slug, value, min(low, available), high))
    return quotas


def select_panel_for_session(
    session, staff_user, *, dimension=None, quotas=None, algorithm=None, seed=None
):
    """Draw the panel for `session` by lot and apply it (the seam to `panels`).

    The pool is everyone who asked for a place (confirmed or waiting); the panel size is
    the session's capacity. Quotas are given, or built from the city's baseline for
    `dimension` (`baseline_quotas`). `engage.communities.panels.select_panel` draws the
    panel; the draw is recorded as a `PanelSelection` against the session. Everyone
    selected gets a confirmed place (emailed); everyone else waits, in their original
    order. Raises PermissionDenied for non-staff, ValidationError when there is nothing
    to draw, and `panels.PanelError` (with translated explanations) when the quotas
    cannot be met. Returns the `PanelSelection`.
    """
    from engage.communities import panels

    check_may_manage(staff_user, session)
    if session.capacity is None:
        raise ValidationError(
            _("Set the number of places on the session before drawing a panel."),
            code="no_capacity",
        )
    if session.starts_at <= timezone.now():
        raise ValidationError(
            _("This session has already started; a panel can only be drawn before it."),
            code="started",
        )
    if dimension is None and quotas is None:
        raise ValidationError(
            _("Choose the community dimension the panel should mirror."), code="no_dimension"
        )
    with transaction.atomic():
        session = locked_session(session)
        pool = session_pool(session, dimension) if dimension is not None else None
        if pool is None:
            raise ValidationError(_("Choose a dimension for the pool."), code="no_dimension")
        if len(pool) <= session.capacity:
            raise ValidationError(
                _(
                    "There are %(volunteers)s volunteers for %(places)s places: everyone can "
                    "have a place, so there is nothing to draw."
                )
                % {"volunteers": len(pool), "places": session.capacity},
                code="nothing_to_draw",
            )
        if quotas is None:
            quotas = baseline_quotas(pool, dimension, session.capacity)
        draw = panels.select_panel(
            pool,
            quotas,
            session.capacity,
            algorithm=algorithm or panels.DEFAULT_ALGORITHM,
            seed=seed,
        )
        selection = panels.record_draw(draw, session=session, run_by=staff_user)
        selected = {int(pk) for pk in draw.selected}
        now = timezone.now()
        for row in Rsvp.objects.filter(session=session).active().select_for_update():
            if row.pk in selected:
                if row.status != Rsvp.Status.CONFIRMED:
                    row.status, row.queued_at = Rsvp.Status.CONFIRMED, None
                    row.save(update_fields=["status", "queued_at", "updated_at"])
                    email_on_commit(row.user_id, "selected", session)
            elif row.status != Rsvp.Status.WAITLISTED:
                row.status, row.queued_at = Rsvp.Status.WAITLISTED, row.created_at or now
                row.save(update_fields=["status", "queued_at", "updated_at"])
    return selection
