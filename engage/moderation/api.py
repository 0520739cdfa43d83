"""Moderation in the API (mounted in engage.api):

- `POST /api/v1/reports/`: a signed-in, verified resident reports content.
- `GET /api/v1/moderation/queue/`: the open queue, filtered, oldest first (moderators).
- `POST /api/v1/moderation/actions/`: a decision on one item or many (moderators).

Permissions come from `engage.moderation.rules`; the writes are the same services the
admin uses. Residents never see the queue or anyone's reports: those answer 403.
"""

import datetime

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from engage.apikit import SIGNED_IN, ErrorOut, page_of
from engage.ratelimit import check_rate, client_address

from . import queue, services
from .models import MODERATOR_ACTIONS, QueueItem, ReportReason

reports_router = Router(tags=["moderation"], auth=SIGNED_IN)
moderation_router = Router(tags=["moderation"], auth=SIGNED_IN)

STATUS_FOR_CODE = {"not_found": 404, "removed": 410}


class ProblemOut(Schema):
    detail: str
    code: str | None = None


def problem(error):
    code = getattr(error, "code", None)
    return Status(STATUS_FOR_CODE.get(code, 400), {"detail": str(error.messages[0]), "code": code})


def forbidden(detail=None):
    return Status(
        403,
        {"detail": str(detail or _("You do not have permission to do this.")), "code": "forbidden"},
    )


class ReportIn(Schema):
    kind: str = Field(description="What is reported: comment, post, claim or factcheck.")
    id: int = Field(description="Its id.")
    reason: ReportReason
    note: str = Field("", description="Required when the reason is `other`.")


class ReportOut(Schema):
    id: int
    kind: str
    content_id: int
    reason: str
    already_reported: bool = Field(
        description="True when you had reported this before; that first report stands."
    )


@reports_router.post(
    "/",
    response={
        200: ReportOut,
        201: ReportOut,
        400: ProblemOut,
        401: ErrorOut,
        403: ProblemOut,
        404: ProblemOut,
        410: ProblemOut,
        429: ErrorOut,
    },
    summary="Report content to the moderators",
    url_name="report_create",
)
def create_report(request, payload: ReportIn):
    """Report a comment, post, claim or fact-check. Reporting the same thing twice is not
    an error: the answer is 200 with `already_reported` and the first report stands.
    Rate-limited (429 with Retry-After, settings.ENGAGE_RATE_LIMITS["report"]).
    404 when the content does not exist (or you cannot see it), 410 when it was removed."""
    try:
        instance = services.find_content(payload.kind, payload.id)
        check_rate("report", user=request.user, address=client_address(request))
        report = services.report_content(request.user, instance, payload.reason, payload.note)
    except ValidationError as error:
        return problem(error)
    except PermissionDenied as error:
        return forbidden(error)
    body = {
        "id": report.pk,
        "kind": payload.kind,
        "content_id": instance.pk,
        "reason": report.reason,
        "already_reported": report.already_reported,
    }
    return Status(200 if report.already_reported else 201, body)


class QueueItemOut(Schema):
    id: int
    kind: str
    content_id: int
    status: str | None = Field(description="The content's status now; null if it is gone.")
    scope: str
    place_title: str
    url: str
    language: str
    author: str | None
    author_id: int | None
    source: str
    report_reason: str
    flag_categories: list[str] = Field(
        description="Source flagged: the abuse categories analysis found (derogation, "
        "dehumanisation, threat, slur, profanity, other), sorted."
    )
    flag_category_labels: list[str] = Field(description="The same as translated labels.")
    report_count: int
    opened_at: datetime.datetime
    content_created_at: datetime.datetime | None
    excerpt: str


class QueuePageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[QueueItemOut]


def queue_item_out(item):
    current = getattr(item, "current", None)
    return {
        "id": item.pk,
        "kind": item.kind,
        "content_id": item.object_id,
        "status": getattr(current, "status", None),
        "scope": item.scope,
        "place_title": item.place_title,
        "url": item.url,
        "language": item.language,
        "author": str(item.author.public_name) if item.author else None,
        "author_id": item.author_id,
        "source": item.source,
        "report_reason": item.report_reason,
        "flag_categories": list(item.flag_categories or ()),
        "flag_category_labels": item.flag_category_labels,
        "report_count": item.report_count,
        "opened_at": item.opened_at,
        "content_created_at": item.content_created_at,
        "excerpt": item.excerpt,
    }


@moderation_router.get(
    "/queue/",
    response={200: QueuePageOut, 401: ErrorOut, 403: ProblemOut},
    summary="The moderation queue (moderators)",
    url_name="moderation_queue",
)
def list_queue(
    request,
    reason: str = "",
    source: str = Query("", description="pre, reported or flagged"),
    age: str = Query("", description="1h, 1d, 7d or older"),
    scope: str = Query("", description="e.g. consultation:12"),
    language: str = "",
    kind: str = "",
    page: int = Query(1, ge=1),
    page_size: int = Query(50, ge=1, le=200),
):
    """Open items, oldest first. Unknown filter values are ignored."""
    if not rules.test_rule("moderation.view_queue", request.user):
        return forbidden()
    filters = queue.QueueFilters.from_query(
        {
            "reason": reason,
            "source": source,
            "age": age,
            "scope": scope,
            "language": language,
            "kind": kind,
        }
    )
    items = queue.open_queue(filters)
    rows, count = page_of(items, page, page_size)
    queue.attach_content(rows)
    return Status(
        200,
        {
            "count": count,
            "page": page,
            "page_size": page_size,
            "items": [queue_item_out(item) for item in rows],
        },
    )


class ActionIn(Schema):
    action: str = Field(description="approve, hide, remove, redact, warn, suspend or ban.")
    queue_item_ids: list[int] = Field(
        default_factory=list, description="Queue items to decide (bulk)."
    )
    kind: str | None = Field(None, description="Or one piece of content: its kind…")
    id: int | None = Field(None, description="…and its id.")
    reason: str = Field("", description="For moderators only (audit trail).")
    public_reason: str = Field("", description="Told to the author.")
    redacted_text: str | None = None
    suspend_days: int | None = None


class ActionDoneOut(Schema):
    action_id: int
    kind: str
    content_id: int | None
    new_status: str


class ActionFailedOut(Schema):
    queue_item_id: int | None
    content_id: int | None
    detail: str
    code: str | None


class ActionsOut(Schema):
    done: list[ActionDoneOut]
    failed: list[ActionFailedOut]


def _targets(payload):
    if payload.kind is not None and payload.id is not None:
        return [services.find_content(payload.kind, payload.id)]
    # Only open items: a decided item is not decided again through the API.
    items = list(QueueItem.objects.open().filter(pk__in=payload.queue_item_ids[:500]))
    queue.attach_content(items)
    return items


@moderation_router.post(
    "/actions/",
    response={
        200: ActionsOut,
        400: ProblemOut,
        401: ErrorOut,
        403: ProblemOut,
        404: ProblemOut,
        409: ProblemOut,
        410: ProblemOut,
    },
    summary="Moderate content (moderators)",
    url_name="moderation_actions",
)
def create_actions(request, payload: ActionIn):
    """Take one decision on one piece of content (`kind` + `id`) or on many queue items
    (`queue_item_ids`, for spam waves). Each item succeeds or fails on its own; failures
    are listed with a translated reason. A single target that fails answers 4xx."""
    if not rules.test_rule("moderation.view_queue", request.user):
        return forbidden()
    if payload.action not in MODERATOR_ACTIONS:
        return Status(
            400,
            {
                "detail": str(_("Please choose one of the moderation actions from the list.")),
                "code": "bad_action",
            },
        )
    try:
        targets = _targets(payload)
    except ValidationError as error:
        return problem(error)
    if not targets and payload.queue_item_ids:
        return Status(
            409,
            {
                "detail": str(
                    _(
                        "These queue items have already been decided. Reload the queue to "
                        "see what is still open."
                    )
                ),
                "code": "already_decided",
            },
        )
    if not targets:
        return Status(
            400,
            {
                "detail": str(
                    _("Please say which content to moderate: kind and id, or queue items.")
                ),
                "code": "no_items",
            },
        )
    kwargs = {
        "reason": payload.reason,
        "public_reason": payload.public_reason,
        "redacted_text": payload.redacted_text,
        "suspend_days": payload.suspend_days,
    }
    done, failed = [], []
    for target in targets:
        is_item = isinstance(target, QueueItem)
        content = target.current if is_item else target
        try:
            if content is None:
                raise services._not_found()
            entry = services.moderate(request.user, content, payload.action, **kwargs)
        except (ValidationError, PermissionDenied) as error:
            if len(targets) == 1:
                if isinstance(error, PermissionDenied):
                    return forbidden(error)
                return problem(error)
            failed.append(
                {
                    "queue_item_id": target.pk if is_item else None,
                    "content_id": getattr(content, "pk", None),
                    "detail": str(getattr(error, "messages", [str(error)])[0]),
                    "code": getattr(error, "code", "forbidden"),
                }
            )
        else:
            done.append(
                {
                    "action_id": entry.pk,
                    "kind": entry.kind,
                    "content_id": entry.object_id,
                    "new_status": entry.new_status,
                }
            )
    return Status(200, {"done": done, "failed": failed})
