"""Consultations in the API: /api/v1/consultations/ (mounted in engage.api).

Public reads: anyone may list published consultations and read one, with their
proposals (and reaction counts) and comments; what each person may see is decided by
`consultations.view_consultation` in consultations/rules.py. Titles, summaries and URLs
follow `?lang=` or Accept-Language.

Writes (signed in): post a comment. It calls the same service as the web page;
permission comes from `rules` (`consultations.take_part`), and it is rate-limited
(engage.ratelimit; 429 with Retry-After).

Reactions and surveys, at the same prefix, are consultations/engagement/api.py; it
shares the helpers below (`viewable_consultation`, `ReactionCountsOut`, the problem
answers).
"""

import datetime

import rules
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from engage.apikit import (
    MAX_PAGE,
    PUBLIC_READ,
    SIGNED_IN,
    ErrorOut,
    page_of,
    request_language,
)
from engage.ratelimit import check_rate, client_address

from .engagement.models import ReactionValue, with_reaction_counts
from .models import Comment, ConsultationPage, ConsultationStatus, Proposal
from .rules import take_part_blocker

router = Router(tags=["consultations"], auth=PUBLIC_READ)


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    status: ConsultationStatus
    status_label: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    url: str | None = Field(None, description="The consultation's page, in the answer's language.")
    language: str


def consultation_out(request, page, language):
    """One consultation as the API shows it, in `language` (call inside override)."""
    status = page.status
    url = page.get_url(request=request)
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary or "",
        "status": status,
        "status_label": str(status.label),
        "opens_at": page.opens_at,
        "closes_at": page.closes_at,
        "url": request.build_absolute_uri(url) if url else None,
        "language": language,
    }


def published_consultations():
    """Published consultations without view restrictions, newest opening first."""
    return ConsultationPage.objects.live().public().order_by("-opens_at", "-pk")


class ConsultationPageOut(Schema):
    count: int = Field(description="Consultations matching, on every page together.")
    page: int
    page_size: int
    items: list[ConsultationOut]


@router.get(
    "/",
    response={200: ConsultationPageOut, 400: ErrorOut},
    summary="Published consultations",
    url_name="consultations",
)
def list_consultations(
    request,
    response: HttpResponse,
    lang: str | None = None,
    status: ConsultationStatus | None = None,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=100),
):
    """Published consultations, newest first, `page_size` at a time.

    `?status=open|upcoming|closed` narrows them. The query only reads published pages;
    each one is still passed through `consultations.view_consultation`.
    """
    language = request_language(request, lang)
    response["Content-Language"] = language
    queryset = published_consultations()
    if status:
        queryset = queryset.with_status(status)
    pages, count = page_of(queryset, page, page_size)
    with translation.override(language):
        items = [
            consultation_out(request, consultation, language)
            for consultation in pages
            if rules.test_rule("consultations.view_consultation", request.user, consultation)
        ]
    return {"count": count, "page": page, "page_size": page_size, "items": items}


@router.get(
    "/{int:consultation_id}",
    response={200: ConsultationOut, 404: ErrorOut},
    summary="One consultation",
    url_name="consultation",
)
def get_consultation(
    request, consultation_id: int, response: HttpResponse, lang: str | None = None
):
    """One consultation; 404 when it does not exist or the caller may not see it."""
    language = request_language(request, lang)
    page = ConsultationPage.objects.filter(pk=consultation_id).first()
    if page is None or not rules.test_rule("consultations.view_consultation", request.user, page):
        raise Http404(_("There is no published consultation with this number."))
    response["Content-Language"] = language
    with translation.override(language):
        return consultation_out(request, page, language)


# --- Proposals and comments ------------------------------------------------------------
#
# Reads are public where the consultation is; writes need a signed-in person
# (token or session with CSRF) and go through the same services as the web pages, so
# they validate, record participation, broadcast and rate-limit identically.


def viewable_consultation(request, consultation_id):
    """The consultation, or 404 when it does not exist or the caller may not see it."""
    page = ConsultationPage.objects.filter(pk=consultation_id).select_related("area").first()
    if page is None or not rules.test_rule("consultations.view_consultation", request.user, page):
        raise Http404(_("There is no published consultation with this number."))
    return page


class ReactionCountsOut(Schema):
    support: int
    oppose: int
    unsure: int


class ProposalOut(Schema):
    id: int
    title: str
    body_html: str = Field(description="Rich text, as published by staff.")
    reactions: ReactionCountsOut
    my_reaction: ReactionValue | None = Field(
        None, description="The caller's own reaction, when signed in."
    )


def proposal_out(proposal):
    from wagtail.rich_text import expand_db_html

    return {
        "id": proposal.pk,
        "title": proposal.title,
        "body_html": expand_db_html(proposal.body or ""),
        "reactions": {
            value: getattr(proposal, f"reaction_{value}") for value in ReactionValue.values
        },
        "my_reaction": proposal.my_reaction,
    }


def proposals_of(request, page):
    return with_reaction_counts(
        Proposal.objects.filter(page=page).order_by("sort_order", "pk"), request.user, "proposal"
    )


@router.get(
    "/{int:consultation_id}/proposals",
    response={200: list[ProposalOut], 400: ErrorOut, 404: ErrorOut},
    summary="The proposals of a consultation",
    url_name="consultation_proposals",
)
def list_proposals(request, consultation_id: int, response: HttpResponse, lang: str | None = None):
    """Every proposal of the consultation, in order, with reaction counts."""
    language = request_language(request, lang)
    page = viewable_consultation(request, consultation_id)
    response["Content-Language"] = language
    with translation.override(language):
        return [proposal_out(proposal) for proposal in proposals_of(request, page)]


@router.get(
    "/{int:consultation_id}/proposals/{int:proposal_id}",
    response={200: ProposalOut, 400: ErrorOut, 404: ErrorOut},
    summary="One proposal",
    url_name="consultation_proposal",
)
def get_proposal(
    request,
    consultation_id: int,
    proposal_id: int,
    response: HttpResponse,
    lang: str | None = None,
):
    """One proposal of the consultation, with reaction counts."""
    language = request_language(request, lang)
    page = viewable_consultation(request, consultation_id)
    proposal = proposals_of(request, page).filter(pk=proposal_id).first()
    if proposal is None:
        raise Http404(_("This consultation has no proposal with this number."))
    response["Content-Language"] = language
    with translation.override(language):
        return proposal_out(proposal)


class CommentOut(Schema):
    id: int
    proposal_id: int | None
    parent_id: int | None
    author: str = Field(description="The public name the author chose; never an email address.")
    body_html: str = Field(description="Sanitised HTML; empty for a withdrawn comment.")
    language: str
    status: str = Field(description="published, withdrawn, or pending (only your own).")
    created_at: datetime.datetime
    edited: bool
    reply_count: int
    reactions: ReactionCountsOut
    my_reaction: ReactionValue | None = None


def comment_out(comment):
    return {
        "id": comment.pk,
        "proposal_id": comment.proposal_id,
        "parent_id": comment.parent_id,
        "author": "" if comment.is_withdrawn else str(comment.author_name),
        "body_html": comment.body_html,
        "language": comment.language,
        "status": comment.status,
        "created_at": comment.created_at,
        "edited": comment.edited_at is not None,
        "reply_count": getattr(comment, "reply_count", 0),
        "reactions": {
            value: getattr(comment, f"reaction_{value}") for value in ReactionValue.values
        },
        "my_reaction": comment.my_reaction,
    }


class CommentPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[CommentOut]


@router.get(
    "/{int:consultation_id}/comments",
    response={200: CommentPageOut, 400: ErrorOut, 404: ErrorOut},
    summary="Comments on a consultation",
    url_name="consultation_comments",
)
def list_comments(
    request,
    consultation_id: int,
    proposal: int | None = Query(None, description="Only comments on this proposal."),
    parent: int | None = Query(None, description="Only replies to this comment."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=100),
):
    """Comments the caller may see, newest first: published ones (withdrawn ones as
    empty placeholders, so replies keep their place), and the caller's own comments
    awaiting moderation. Without `parent`, only first-level comments."""
    consultation = viewable_consultation(request, consultation_id)
    comments = Comment.objects.visible_to(request.user).for_consultation(consultation)
    if proposal is not None:
        comments = comments.for_proposal(proposal)
    comments = comments.filter(parent_id=parent) if parent is not None else comments.top_level()
    comments = with_reaction_counts(
        comments.with_reply_counts(request.user).select_related("author").newest_first(),
        request.user,
        "comment",
    )
    rows, count = page_of(comments, page, page_size)
    items = [comment_out(comment) for comment in rows]
    return {"count": count, "page": page, "page_size": page_size, "items": items}


class CommentIn(Schema):
    text: str = Field(description="Plain text; see COMMENT_MAX_LENGTH and COMMENT_MAX_LINKS.")
    language: str | None = Field(None, description="The language it is written in.")
    proposal_id: int | None = None
    parent_id: int | None = Field(None, description="Reply to this comment.")


class ProblemOut(Schema):
    detail: str
    code: str | None = None
    errors: dict[str, str] | None = None


def problem(error, status=400):
    """A service's ValidationError as (status, body)."""
    return Status(status, {"detail": str(error.messages[0]), "code": getattr(error, "code", None)})


def bad_request(detail, code, errors=None):
    body = {"detail": str(detail), "code": code}
    if errors is not None:
        body["errors"] = errors
    return Status(400, body)


def blocked(request, message, code):
    return Status(403, {"detail": str(message), "code": code})


@router.post(
    "/{int:consultation_id}/comments",
    auth=SIGNED_IN,
    response={
        201: CommentOut,
        400: ProblemOut,
        401: ErrorOut,
        403: ProblemOut,
        404: ErrorOut,
        429: ErrorOut,
    },
    summary="Post a comment",
    url_name="consultation_comment_post",
)
def post_comment_api(request, consultation_id: int, payload: CommentIn):
    """Post a comment (on a proposal, or as a reply). Under pre-moderation it is
    `pending` until a moderator approves it. Refused with 403 when the consultation is
    not open or the caller may not take part, 400 for bad text, 429 when too frequent."""
    from .services import BLOCKER_MESSAGES, post_comment

    consultation = viewable_consultation(request, consultation_id)
    blocker = take_part_blocker(request.user, consultation)
    if blocker is not None:
        return blocked(request, BLOCKER_MESSAGES[blocker], blocker)
    proposal = parent = None
    if payload.proposal_id is not None:
        proposal = Proposal.objects.filter(pk=payload.proposal_id, page=consultation).first()
        if proposal is None:
            return bad_request(
                _("This consultation has no proposal with this number."), "wrong_proposal"
            )
    if payload.parent_id is not None:
        parent = (
            Comment.objects.visible_to(request.user)
            .filter(pk=payload.parent_id, consultation=consultation)
            .first()
        )
        if parent is None:
            return bad_request(
                _("There is no comment with this number on this consultation."), "parent_missing"
            )
    check_rate("comment", user=request.user, address=client_address(request))
    try:
        comment = post_comment(
            request.user,
            consultation,
            payload.text,
            proposal=proposal,
            parent=parent,
            language=payload.language,
        )
    except ValidationError as error:
        return problem(error)
    comment = with_reaction_counts(
        Comment.objects.filter(pk=comment.pk)
        .with_reply_counts(request.user)
        .select_related("author"),
        request.user,
        "comment",
    ).get()
    return Status(201, comment_out(comment))
