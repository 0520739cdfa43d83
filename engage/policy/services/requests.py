"""Writes of information requests: a partner asks, staff decide, Engage answers.

The answer is made only from suppressed aggregates: for each dimension, the
`publishable_report` of the representation report of the scope (small cells "fewer
than N", secondary suppression), exactly what the representation pages show. It is
stored on the request as given, so the partner downloads what was decided even if
participation changes later. Every step is audited; the download is an
`ExportRecord` under the request's agreement.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely
from engage.communities.representation import (
    BaselineNotFound,
    ScopeNotFound,
    publishable_report,
    representation_report,
)
from engage.communities.scopes import Scope, scope_parts
from engage.links import absolute_url
from engage.tasks import send_email_in_language

from ..models import InformationRequest, RequestStatus
from .exports import record_export

audit_log = logging.getLogger("engage.audit")

APPROVE, NARROW, DECLINE = "approve", "narrow", "decline"
ALREADY_DECIDED = _("This request has already been decided.")
REASON_NEEDED = _("Give the partner a reason: say why it was declined or narrowed.")
NOT_NARROWER = _(
    "A narrowed answer must cover the requested scope or a part of it, and some of the "
    "requested dimensions; otherwise decline the request and explain why."
)
NO_DIMENSION = _("Choose at least one dimension.")
NOT_IN_FORCE = _(
    "The agreement is not in force, so nothing can be shared under it. Ask the city to renew it."
)
CANNOT_ANSWER = _(
    "Engage cannot produce this report: %(error)s Narrow the request to a scope with a "
    "population baseline, or decline it."
)


NOT_GRANTED = _(
    "The agreement does not cover the scope %(scope)s. Ask for one of the scopes its "
    "grants allow: %(allowed)s."
)
NO_GRANT = _(
    "The agreement gives your organisation no grant, so nothing can be asked under it. "
    "Ask the city to add one to the agreement."
)


def check_scope_granted(agreement, organisation, scope):
    """Raise a ValidationError unless a grant of `agreement` to `organisation` covers
    `scope` (a `city` grant covers every scope), naming the scopes that are allowed."""
    grants = list(agreement.grants.filter(organisation=organisation).order_by("scope"))
    if not grants:
        raise ValidationError(NO_GRANT)
    if not any(grant.covers(scope) for grant in grants):
        allowed = ", ".join(sorted({grant.scope for grant in grants}))
        raise ValidationError(NOT_GRANTED % {"scope": str(scope), "allowed": allowed})


def _audit(request, what, user, **detail):
    audit_log.info(
        "information request %s %s: user=%s %s", request.pk, what, getattr(user, "pk", None), detail
    )


@transaction.atomic
def submit_request(
    user, organisation, agreement, scope, dimensions, purpose, period_start=None, period_end=None
):
    """A partner member asks for an aggregate under `agreement` (which must be in
    force and have `organisation` as a party). City staff are told after commit."""
    if (
        not agreement.is_in_force()
        or not agreement.parties.filter(organisation=organisation).exists()
    ):
        raise ValidationError(NOT_IN_FORCE)
    if not dimensions:
        raise ValidationError(NO_DIMENSION)
    scope = str(Scope.parse(str(scope)))
    check_scope_granted(agreement, organisation, scope)
    request = InformationRequest.objects.create(
        organisation=organisation,
        agreement=agreement,
        requested_by=user,
        scope=scope,
        period_start=period_start,
        period_end=period_end,
        purpose=purpose,
    )
    request.dimensions.set(dimensions)
    _audit(request, "submitted", user, scope=scope)
    if agreement.owner_id:
        _notify(request, [agreement.owner_id], "request_new")
    return request


def build_answer(scope, dimensions):
    """The suppressed representation reports of `scope`, one per dimension. They cover
    all participation in the scope up to now: the reports take no period, so a
    request's period is recorded with it only (the form and the page say so)."""
    reports = []
    for dimension in dimensions:
        try:
            report = representation_report(scope, dimension=dimension.slug)
        except (ScopeNotFound, BaselineNotFound, ValidationError) as error:
            message = " ".join(getattr(error, "messages", [str(error)]))
            raise ValidationError(CANNOT_ANSWER % {"error": message}) from error
        reports.append(publishable_report(report))
    return {
        "scope": str(scope),
        "generated_at": timezone.now().isoformat(),
        "reports": reports,
    }


def _narrower(request, scope, dimensions):
    """The answer covers the requested scope or a part of it (anything within the
    city; a consultation's co-design sessions), and some of the requested dimensions."""
    requested = {d.pk for d in request.dimensions.all()}
    if not dimensions or not {d.pk for d in dimensions} <= requested:
        return False
    wanted = Scope.parse(request.scope)
    return scope == wanted or wanted.kind == "city" or scope in scope_parts(wanted)


@transaction.atomic
def decide_request(request, by, decision, note="", scope=None, dimensions=None):
    """Approve (answer as asked), narrow (answer a smaller scope or fewer
    dimensions, with a reason) or decline (with a reason) a submitted request."""
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.SUBMITTED:
        raise ValidationError(ALREADY_DECIDED)
    note = (note or "").strip()
    if decision == DECLINE:
        if not note:
            raise ValidationError(REASON_NEEDED)
        request.status = RequestStatus.DECLINED
    else:
        if not request.agreement.is_in_force():
            raise ValidationError(NOT_IN_FORCE)
        if decision == NARROW:
            if not note:
                raise ValidationError(REASON_NEEDED)
            answer_scope = Scope.parse(str(scope)) if scope else Scope.parse(request.scope)
            answer_dimensions = list(dimensions or [])
            if not _narrower(request, answer_scope, answer_dimensions):
                raise ValidationError(NOT_NARROWER)
            request.status = RequestStatus.NARROWED
        elif decision == APPROVE:
            answer_scope = Scope.parse(request.scope)
            answer_dimensions = list(request.dimensions.all())
            request.status = RequestStatus.APPROVED
        else:
            raise ValidationError(_("Choose approve, narrow or decline."))
        check_scope_granted(request.agreement, request.organisation, answer_scope)
        request.answer = build_answer(answer_scope, answer_dimensions)
        request.answer_scope = str(answer_scope)
        request.save()
        request.answer_dimensions.set(answer_dimensions)
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()
    _audit(request, request.status, by, scope=request.answer_scope)
    _notify(request, [request.requested_by_id], "request_decided")
    return request


def _record_answer_use(request, user, export_format, what):
    if not request.is_answered:
        raise PermissionDenied(_("This request has no answer to download."))
    record_export(
        user,
        "information_request",
        request.answer_scope,
        export_format,
        agreement=request.agreement,
        request=request.pk,
    )
    _audit(request, what, user)
    return request.answer


def download_answer(request, user):
    """Record the partner's download of the answer (an `ExportRecord` under the
    request's agreement) and return the answer. The caller checked the rule."""
    return _record_answer_use(request, user, "csv", "downloaded")


def view_answer(request, user):
    """Record that the partner saw the answer on the request page (an `ExportRecord`
    in format "html" under the request's agreement, like a download) and return it.
    The caller checked `policy.download_information_answer`."""
    return _record_answer_use(request, user, "html", "viewed")


def _notify(request, user_ids, template):
    context = {
        "request_url": absolute_url(reverse("agreements:request_detail", args=[request.pk])),
        "organisation": request.organisation.name,
        "scope": request.scope,
        "status": request.status,
    }
    for user_id in user_ids:
        on_commit_safely(
            lambda user_id=user_id: send_email_in_language.enqueue(
                user_id,
                f"policy/email/{template}_subject.txt",
                f"policy/email/{template}_body.txt",
                context,
            ),
            f"information request {request.pk} email to {user_id}",
        )
