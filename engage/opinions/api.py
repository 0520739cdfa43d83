"""API of opinions (django-ninja), mounted in engage/api.py at /api/v1/opinions/.

- `GET /{map_id}/next`: the statement the caller is offered next (the same order as
  the voting page, docs/opinion-maps.md "Which statement comes next"), and their
  progress. Public for maps anyone may see; anonymous callers get the first statement.
- `POST /{map_id}/votes`: vote on a statement (1 agree, -1 disagree, 0 pass); a vote
  on a statement already voted replaces it. Answers with the next offer.
- `POST /{map_id}/statements`: add a statement (≤ 280 characters).

The writes go through `engage.opinions.services`, like the voting page, so the rules,
moderation, rate limits and the participation ledger are the same.
"""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status

from engage.apikit import PUBLIC_READ, SIGNED_IN, ErrorOut
from engage.ratelimit import client_address

from . import services
from .models import OpinionMap, Statement
from .ordering import offer_for
from .rules import VIEW_MAP

router = Router(tags=["opinions"], auth=PUBLIC_READ)


class StatementOut(Schema):
    id: int
    text: str
    html: str = Field(description="The sanitised text as HTML.")
    language: str
    is_seed: bool


class OfferOut(Schema):
    map: int
    statement: StatementOut | None = Field(
        description="The statement to vote on next; null when every statement has a vote."
    )
    total: int = Field(description="Statements people can vote on.")
    voted: int = Field(description="How many of them the caller has voted on.")


class VoteIn(Schema):
    statement: int
    value: int = Field(description="1 agree, -1 disagree, 0 pass.")


class StatementIn(Schema):
    text: str = Field(description="At most 280 characters; one idea.")
    language: str | None = Field(None, description="The language it is written in.")


class CreatedStatementOut(Schema):
    id: int
    status: str = Field(description="pending (awaiting a moderator) or published.")
    language: str


class ProblemOut(Schema):
    detail: str
    code: str | None = None


def visible_map(request, map_id):
    opinion_map = OpinionMap.objects.filter(pk=map_id).first()
    if opinion_map is None or not rules.test_rule(VIEW_MAP, request.user, opinion_map):
        raise Http404(_("There is no opinion map with this number."))
    return opinion_map


def offer_out(request, opinion_map):
    participant = (
        services.participant_for(request.user, opinion_map)
        if request.user.is_authenticated
        else None
    )
    offer = offer_for(opinion_map, participant)
    statement = offer.statement
    return {
        "map": opinion_map.pk,
        "statement": None
        if statement is None
        else {
            "id": statement.pk,
            "text": statement.text,
            "html": str(statement.html),
            "language": statement.language,
            "is_seed": statement.is_seed,
        },
        "total": offer.total,
        "voted": offer.voted,
    }


def problem(status, error):
    detail = error.messages[0] if isinstance(error, ValidationError) else str(error)
    return Status(status, {"detail": str(detail), "code": getattr(error, "code", None)})


@router.get(
    "/{int:map_id}/next",
    response={200: OfferOut, 404: ErrorOut},
    summary="The next statement to vote on",
    url_name="opinion_next",
)
def next_statement(request, map_id: int):
    """The statement the caller is offered next and their progress."""
    return offer_out(request, visible_map(request, map_id))


@router.post(
    "/{int:map_id}/votes",
    auth=SIGNED_IN,
    response={200: OfferOut, 400: ProblemOut, 403: ProblemOut, 404: ErrorOut, 429: ErrorOut},
    summary="Vote on a statement",
    url_name="opinion_vote",
)
def vote_api(request, map_id: int, payload: VoteIn):
    """Agree (1), disagree (-1) or pass (0) on a statement of the map; answers with the
    next offer. 403 when the caller may not vote (map not open, email not verified,
    account suspended), 400 for a value or statement that cannot take a vote, 429 when
    too frequent."""
    opinion_map = visible_map(request, map_id)
    statement = Statement.objects.filter(pk=payload.statement, map=opinion_map).first()
    if statement is None:
        return problem(400, ValidationError(_("This map has no such statement."), "not_votable"))
    try:
        services.vote(request.user, statement, payload.value, address=client_address(request))
    except PermissionDenied as error:
        return problem(403, error)
    except ValidationError as error:
        return problem(403 if error.code in ("banned", "suspended") else 400, error)
    return offer_out(request, opinion_map)


@router.post(
    "/{int:map_id}/statements",
    auth=SIGNED_IN,
    response={
        201: CreatedStatementOut,
        400: ProblemOut,
        403: ProblemOut,
        404: ErrorOut,
        429: ErrorOut,
    },
    summary="Add a statement",
    url_name="opinion_statement_add",
)
def add_statement_api(request, map_id: int, payload: StatementIn):
    """Add a statement to the map. It is `pending` until a moderator approves it under
    pre-moderation. 403 when the map does not take statements or the caller may not
    add one, 400 for a text that is too long, empty or already on the map."""
    opinion_map = visible_map(request, map_id)
    try:
        statement = services.submit_statement(
            request.user,
            opinion_map,
            payload.text,
            language=payload.language,
            address=client_address(request),
        )
    except PermissionDenied as error:
        return problem(403, error)
    except ValidationError as error:
        return problem(403 if error.code in ("banned", "suspended") else 400, error)
    return Status(
        201, {"id": statement.pk, "status": statement.status, "language": statement.language}
    )
