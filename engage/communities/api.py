"""Representation reports in the API: /api/v1/representation/ (mounted in engage.api).

`GET /api/v1/representation/?scope=SCOPE[&baseline=AREA_CODE][&dimension=SLUG]` returns
the publishable report (small cells suppressed, exactly as the dashboard and the CSV
export show it) and the tokenism findings, without leaders' names. Signed-in only (401
otherwise); the rule "accounts.view_reports" decides per scope (403), so city staff see
every scope and partners the scopes their grants cover. A malformed scope is a 400 with
the parse message; a scope, area or dimension that does not exist is a 404.
"""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from engage.apikit import ErrorOut, request_language

from . import tokenism
from .representation import BaselineNotFound, ScopeNotFound, representation_report
from .scopes import Scope

router = Router(tags=["representation"])


class RepresentationOut(Schema):
    scope: str
    baseline: dict[str, Any]
    threshold: int = Field(description="Counts below this are shown as “fewer than N”.")
    participants: dict[str, Any]
    generated_at: str
    dimensions: list[dict[str, Any]]
    findings: list[dict[str, Any]] = Field(description="Tokenism findings, without names.")


@router.get(
    "/",
    response={200: RepresentationOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Representation report for a scope",
    url_name="representation",
)
def get_representation(
    request,
    response: HttpResponse,
    scope: str,
    baseline: str | None = None,
    dimension: str | None = None,
    lang: str | None = None,
):
    """Who took part in SCOPE (`consultation:<id>`, `forum:<id>`, `session:<id>`,
    `proposal:<id>`, `area:<code>` or `city`) against the population baseline of its
    area, or of `baseline` (an area code); `dimension` narrows it to one dimension.
    Aggregates only, with small cells suppressed."""
    language = request_language(request, lang)
    try:
        parsed = Scope.parse(scope)
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from None
    if not rules.test_rule("accounts.view_reports", request.user, parsed):
        raise PermissionDenied
    response["Content-Language"] = language
    with translation.override(language):
        try:
            report = representation_report(
                parsed, dimension=dimension or None, baseline_area=(baseline or "").strip() or None
            )
        except (ScopeNotFound, BaselineNotFound) as exc:
            raise Http404(" ".join(exc.messages)) from None
        published = report.publishable()
        published["findings"] = [
            finding.public() for finding in tokenism.findings_for(parsed, report)
        ]
    return published
