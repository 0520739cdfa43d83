"""Text signals in the API: /api/v1/insights/ (mounted in engage.api).

`GET /api/v1/insights/signals/?scope=SCOPE[&interval=week|day][&since=DATE][&until=DATE]
[&dimension=SLUG]`
returns the aggregates of `engage.insights.aggregates` (per period and in total; sentiment
figures withheld for periods with fewer scored texts than SMALL_CELL_THRESHOLD). Never a
single text, never a person. Signed-in only (401); the rule "insights.view_signals"
decides per scope (403): city staff every scope, partners the scopes their grants cover,
both with TOTP. A malformed scope, interval or date is a 400 saying what to write; a
scope that does not exist is a 404.
"""

import datetime
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from engage.apikit import ErrorOut
from engage.communities.models import Area
from engage.communities.scopes import AREA, CITY, scope_kind, scope_object
from engage.policy.models import PolicyArea

from . import rules as insights_rules
from .aggregates import INTERVALS, POLICY_AREA, SignalScope
from .reports import signals_report

router = Router(tags=["insights"])


class SignalsOut(Schema):
    scope: str
    interval: str
    since: str | None
    until: str | None
    threshold: int = Field(
        description="Periods with fewer scored texts than this have no sentiment figures."
    )
    neutral_band: float = Field(description="Scores within ± this count as neutral.")
    generated_at: str
    total: dict[str, Any]
    periods: list[dict[str, Any]]
    dimension: dict[str, Any] | None = Field(
        None,
        description="With ?dimension=<slug>: the totals by community group of that "
        "dimension, from consented declarations only; groups written by fewer people than "
        "`threshold` (and the groups suppressed with them) have null figures and "
        '"suppressed": true.',
    )


def _date(value, name):
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise HttpError(
            400,
            str(
                _("“%(value)s” is not a date for %(name)s. Write it as YYYY-MM-DD.")
                % {"value": value[:40], "name": name}
            ),
        ) from None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _exists(scope):
    if scope.kind == CITY:
        return True
    if scope.kind == AREA:
        return Area.objects.filter(code=scope.key).exists()
    if scope.kind == POLICY_AREA:
        return PolicyArea.objects.filter(slug=scope.key).exists()
    if scope_kind(scope.kind) is None:
        return True  # no app registered the kind: nothing to check it against
    return scope_object(scope.as_scope) is not None


@router.get(
    "/signals/",
    response={200: SignalsOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Text signals of a scope, per day or week",
    url_name="insights_signals",
)
def get_signals(
    request,
    scope: str,
    interval: str = "week",
    since: str | None = None,
    until: str | None = None,
    dimension: str | None = None,
):
    """Volume, share analysed and not scored, mean sentiment with its 95% interval,
    share negative, abuse flags by category and the polarisation index of SCOPE
    (`consultation:<id>`, `proposal:<id>`, `forum:<id>`, `session:<id>`, `area:<code>`,
    `policy_area:<code>` or `city`) per `interval` (`week`, the default, or `day`),
    for texts written from `since` up to (not including) `until`. With `dimension`
    (a dimension's code), the totals by its community groups as well (consented
    declarations only, small groups suppressed)."""
    try:
        parsed = SignalScope.parse(scope)
    except ValidationError as exc:
        raise HttpError(
            400,
            " ".join(exc.messages) + " " + str(_("For a policy area, write policy_area:<code>.")),
        ) from None
    if interval not in INTERVALS:
        raise HttpError(
            400,
            str(
                _("“%(interval)s” is not an interval. Use week or day.")
                % {"interval": interval[:20]}
            ),
        )
    start, end = _date(since, "since"), _date(until, "until")
    if start and end and start >= end:
        raise HttpError(400, str(_("“since” must be before “until”.")))
    if not rules.test_rule(insights_rules.VIEW_SIGNALS, request.user, parsed):
        raise PermissionDenied
    if not _exists(parsed):
        raise Http404(_("There is no %(scope)s.") % {"scope": str(parsed)})
    try:
        return signals_report(parsed, interval, start, end, dimension=dimension)
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from None
