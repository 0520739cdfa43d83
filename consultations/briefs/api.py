"""Briefs in the API: /api/v1/briefs/ (mounted in engage.api).

Public reads for published briefs; while a brief is drafted or awaiting sign-off only the
session's co-authors and participants (`briefs.view`) see it. The published text is
given in the request's language (`?lang=` or Accept-Language) when translated, else in
the site's language. The live document itself is only on the WebSocket.
"""

import datetime

import rules
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from consultations.codesign.models import CoDesignSession
from engage.apikit import PUBLIC_READ, ErrorOut, request_language

from . import services
from .models import Brief, BriefSnapshot, SignOff
from .templatetags.briefs_tags import clean_published_html

router = Router(tags=["briefs"], auth=PUBLIC_READ)


class BriefOut(Schema):
    session_id: int
    consultation_id: int | None
    status: str
    status_label: str
    published_html: str
    published_at: datetime.datetime | None
    co_authors_named: list[str]
    language: str


class RevisionOut(Schema):
    id: int
    created_at: datetime.datetime
    reason: str
    reason_label: str


class RevisionDetailOut(RevisionOut):
    html: str
    text: str


class SignOffPersonOut(Schema):
    name: str
    decision: str | None
    note: str


class SignOffOut(Schema):
    status: str
    approved: int
    declined: int
    not_answered: int
    people: list[SignOffPersonOut] | None = None


def _brief(request, session_id, rule="briefs.view"):
    session = CoDesignSession.objects.select_related("consultation").filter(pk=session_id).first()
    brief = (
        Brief.objects.select_related("session__consultation").filter(session=session).first()
        if session
        else None
    )
    if brief is None or not rules.test_rule("briefs.view", request.user, brief):
        raise Http404(_("There is no brief you may read for this session."))
    if rule != "briefs.view" and not rules.test_rule(rule, request.user, brief):
        raise Http404(_("There is no brief you may read for this session."))
    return brief


@router.get(
    "/sessions/{session_id}",
    response={200: BriefOut, 404: ErrorOut},
    summary="A session's brief",
    url_name="brief",
)
def brief_detail(request, session_id: int, lang: str | None = None):
    """Status, the published text (empty until published) and the co-authors who agreed
    to be named."""
    language = request_language(request, lang)
    brief = _brief(request, session_id)
    with translation.override(language):
        html = clean_published_html(brief.published_html) if brief.is_published else ""
        label = str(brief.get_status_display())
    return {
        "session_id": brief.session_id,
        "consultation_id": brief.session.consultation_id,
        "status": brief.status,
        "status_label": label,
        "published_html": html or "",
        "published_at": brief.published_at,
        "co_authors_named": services.named_coauthors(brief) if brief.is_published else [],
        "language": language,
    }


def _revision(snapshot, language):
    with translation.override(language):
        label = str(snapshot.get_reason_display())
    return {
        "id": snapshot.pk,
        "created_at": snapshot.created_at,
        "reason": snapshot.reason,
        "reason_label": label,
    }


@router.get(
    "/sessions/{session_id}/revisions",
    response={200: list[RevisionOut], 404: ErrorOut},
    summary="Revisions of a brief",
    url_name="brief_revisions",
)
def revisions(request, session_id: int, lang: str | None = None):
    """Every saved revision, newest first: for the people who drafted the brief."""
    language = request_language(request, lang)
    brief = _brief(request, session_id, "briefs.view_drafting")
    return [_revision(snapshot, language) for snapshot in brief.snapshots.all()]


@router.get(
    "/sessions/{session_id}/revisions/{revision_id}",
    response={200: RevisionDetailOut, 404: ErrorOut},
    summary="One revision of a brief",
    url_name="brief_revision",
)
def revision(request, session_id: int, revision_id: int, lang: str | None = None):
    language = request_language(request, lang)
    brief = _brief(request, session_id, "briefs.view_drafting")
    snapshot = BriefSnapshot.objects.filter(brief=brief, pk=revision_id).first()
    if snapshot is None:
        raise Http404(_("This brief has no such revision."))
    return {**_revision(snapshot, language), "html": snapshot.html, "text": snapshot.text}


@router.get(
    "/sessions/{session_id}/sign-off",
    response={200: SignOffOut, 404: ErrorOut},
    summary="Sign-off state of a brief",
    url_name="brief_signoff",
)
def signoff_state(request, session_id: int):
    """Counts for everyone who may read the brief; who answered what for staff only."""
    brief = _brief(request, session_id)
    coauthors = services.signoff_coauthors(brief) if not brief.is_drafting else []
    answers = {answer.user_id: answer for answer in brief.signoffs.all()}
    decisions = [
        answers[person.pk].decision if person.pk in answers else None for person in coauthors
    ]
    result = {
        "status": brief.status,
        "approved": decisions.count(SignOff.Decision.APPROVE),
        "declined": decisions.count(SignOff.Decision.DECLINE),
        "not_answered": decisions.count(None),
    }
    if rules.test_rule("briefs.view_contributions", request.user, brief):
        result["people"] = [
            {
                "name": str(person.public_name),
                "decision": decision,
                "note": answers[person.pk].note if person.pk in answers else "",
            }
            for person, decision in zip(coauthors, decisions, strict=True)
        ]
    return result
