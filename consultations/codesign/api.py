"""Co-design sessions in the API: /api/v1/codesign/ (mounted in engage.api).

- `GET /sessions/`, `GET /sessions/{id}`: public reads; what each caller may see is
  `codesign.view_session`. `my_rsvp` is the caller's own reply (null for others).
- `POST /sessions/{id}/rsvp`: ask for a place (or update access needs) for the caller;
  a full session puts them on the waiting list and `outcome` says so.
- `DELETE /sessions/{id}/rsvp`: cancel the caller's place; the next person waiting
  gets it.

Nobody else's replies, names or access needs are ever returned.
"""

import datetime

import rules
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from engage.apikit import PUBLIC_READ, SIGNED_IN, ErrorOut, request_language

from . import services
from .models import ACCESS_NEEDS_MAX_LENGTH, CoDesignSession, Rsvp
from .validators import split_codes

router = Router(tags=["co-design sessions"], auth=PUBLIC_READ)


class SessionOut(Schema):
    id: int
    title: str
    purpose: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    place: str
    online_url: str
    capacity: int | None
    places_left: int | None = Field(description="Null when the session has no limit.")
    languages: list[str]
    interpretation: list[str]
    accessibility: str
    agenda: str
    invitation_only: bool
    places_by_lot: bool
    consultation_id: int | None
    url: str
    calendar_url: str
    my_rsvp: str | None = Field(
        None, description="The caller's reply: confirmed, waitlisted, cancelled or declined."
    )
    language: str


class RsvpIn(Schema):
    access_needs: str = Field("", max_length=ACCESS_NEEDS_MAX_LENGTH)
    interpretation_language: str = Field("", max_length=16)


class RsvpOut(Schema):
    session_id: int
    status: str
    outcome: str = Field(description="confirmed, waitlisted, volunteered or updated.")
    detail: str


def _sessions():
    return (
        CoDesignSession.objects.select_related("consultation")
        .annotate(confirmed_count=Count("rsvps", filter=Q(rsvps__status=Rsvp.Status.CONFIRMED)))
        .order_by("starts_at", "pk")
    )


def session_out(request, session, language, my_rsvps):
    places_left = None
    if session.capacity is not None:
        confirmed = getattr(session, "confirmed_count", None)
        if confirmed is None:
            confirmed = Rsvp.objects.filter(session=session).confirmed().count()
        places_left = max(session.capacity - confirmed, 0)
    with translation.override(language):
        url = session.get_absolute_url()
        calendar_url = reverse("codesign:session_calendar", kwargs={"pk": session.pk})
    return {
        "id": session.pk,
        "title": session.title,
        "purpose": session.purpose,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "time_zone": session.time_zone,
        "place": session.place,
        "online_url": session.online_url,
        "capacity": session.capacity,
        "places_left": places_left,
        "languages": session.language_codes,
        "interpretation": split_codes(session.interpretation),
        "accessibility": session.accessibility,
        "agenda": session.agenda,
        "invitation_only": session.invitation_only,
        "places_by_lot": session.places_by_lot,
        "consultation_id": session.consultation_id,
        "url": request.build_absolute_uri(url),
        "calendar_url": request.build_absolute_uri(calendar_url),
        "my_rsvp": my_rsvps.get(session.pk),
        "language": language,
    }


def _my_rsvps(user, session_ids=None):
    if not user.is_authenticated:
        return {}
    rows = Rsvp.objects.filter(user=user)
    if session_ids is not None:
        rows = rows.filter(session_id__in=session_ids)
    return dict(rows.values_list("session_id", "status"))


def _viewable(request, session_id):
    session = _sessions().filter(pk=session_id).first()
    if session is None or not rules.test_rule("codesign.view_session", request.user, session):
        raise Http404(_("There is no co-design session with this number."))
    return session


@router.get(
    "/sessions/",
    response={200: list[SessionOut], 400: ErrorOut},
    summary="Co-design sessions",
    url_name="codesign_sessions",
)
def list_sessions(request, response: HttpResponse, lang: str | None = None, upcoming: bool = True):
    """Sessions the caller may see, soonest first; `?upcoming=false` includes past ones."""
    language = request_language(request, lang)
    response["Content-Language"] = language
    queryset = _sessions()
    if upcoming:
        queryset = queryset.upcoming()
    sessions = [s for s in queryset if rules.test_rule("codesign.view_session", request.user, s)]
    mine = _my_rsvps(request.user, [s.pk for s in sessions])
    with translation.override(language):
        return [session_out(request, session, language, mine) for session in sessions]


@router.get(
    "/sessions/{int:session_id}",
    response={200: SessionOut, 400: ErrorOut, 404: ErrorOut},
    summary="One co-design session",
    url_name="codesign_session",
)
def get_session(request, session_id: int, response: HttpResponse, lang: str | None = None):
    """One session; 404 when it does not exist or the caller may not see it."""
    language = request_language(request, lang)
    response["Content-Language"] = language
    session = _viewable(request, session_id)
    with translation.override(language):
        return session_out(request, session, language, _my_rsvps(request.user, [session.pk]))


def _service_error(error):
    code = getattr(error, "code", None)
    status = 403 if code in ("invitation_only", "verify_email", "not_visible") else 400
    if code == "log_in":
        status = 401
    if code == "started":
        status = 409
    return HttpError(status, " ".join(error.messages))


@router.post(
    "/sessions/{int:session_id}/rsvp",
    auth=SIGNED_IN,
    response={
        200: RsvpOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
    summary="Ask for a place",
    url_name="codesign_rsvp",
)
def create_rsvp(request, session_id: int, payload: RsvpIn):
    """Ask for a place at the session for the caller (or update access needs).

    A full session puts the caller on the waiting list: `outcome` is "waitlisted" and
    `detail` says so. Past sessions answer 409, invitation-only sessions 403 for people
    not invited.
    """
    from .views import OUTCOME_MESSAGES

    session = _viewable(request, session_id)
    try:
        row, outcome = services.rsvp(request.user, session, **payload.dict())
    except ValidationError as error:
        raise _service_error(error) from None
    return {
        "session_id": session.pk,
        "status": row.status,
        "outcome": outcome,
        "detail": str(OUTCOME_MESSAGES[outcome]),
    }


@router.delete(
    "/sessions/{int:session_id}/rsvp",
    auth=SIGNED_IN,
    response={200: RsvpOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cancel my place",
    url_name="codesign_cancel_rsvp",
)
def cancel_rsvp(request, session_id: int):
    """Cancel the caller's place or leave the waiting list."""
    session = _viewable(request, session_id)
    try:
        services.cancel_rsvp(request.user, session)
    except ValidationError as error:
        raise _service_error(error) from None
    return {
        "session_id": session.pk,
        "status": Rsvp.Status.CANCELLED,
        "outcome": "cancelled",
        "detail": str(_("You have cancelled. Thank you for letting us know in good time.")),
    }
