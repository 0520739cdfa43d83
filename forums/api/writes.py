"""Writes: starting threads, replying, writing and publishing fact-checks, all through
`forums.services`, so they validate, rate-limit and record participation as the site
does."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Status

from engage.apikit import SIGNED_IN, ErrorOut
from engage.ratelimit import RateLimited, client_address

from .. import services
from ..models import FactCheck, Topic
from .common import (
    ServiceErrorOut,
    forum_or_404,
    rate_limited,
    router,
    service_error,
    thread_or_404,
)
from .schemas import (
    FactCheckIn,
    FactCheckOut,
    PostIn,
    PostOut,
    ThreadIn,
    ThreadOut,
    fact_check_out,
    post_out,
    thread_out,
)


@router.post(
    "/{int:forum_id}/threads",
    auth=SIGNED_IN,
    response={
        201: ThreadOut,
        200: ThreadOut,
        400: ServiceErrorOut,
        403: ServiceErrorOut,
        404: ErrorOut,
        429: ServiceErrorOut,
    },
    summary="Start a thread or raise a claim",
    operation_id="forums_api_create_thread",
)
def create_thread(request, forum_id: int, data: ThreadIn):
    forum = forum_or_404(request, forum_id)
    topic = None
    if data.topic:
        topic = Topic.objects.filter(forum=forum, slug=data.topic).first()
        if topic is None:
            return service_error(
                request,
                ValidationError(
                    _(
                        "That topic belongs to another forum. Please choose one of this forum's topics."
                    ),
                    code="wrong_topic",
                ),
            )
    try:
        thread = services.start_thread(
            request.user,
            forum,
            title=data.title,
            text=data.text,
            language=data.language,
            kind=data.kind,
            topic=topic,
            heard_where=data.heard_where,
            accept_guidelines=data.accept_guidelines,
            token=data.token,
            address=client_address(request),
        )
    except ValidationError as error:
        return service_error(request, error)
    except RateLimited as error:
        return rate_limited(request, error)
    return Status(200 if thread.was_duplicate else 201, thread_out(request, thread))


@router.post(
    "/threads/{int:thread_id}/posts",
    auth=SIGNED_IN,
    response={
        201: PostOut,
        200: PostOut,
        400: ServiceErrorOut,
        403: ServiceErrorOut,
        404: ErrorOut,
        429: ServiceErrorOut,
    },
    summary="Reply in a thread",
    operation_id="forums_api_create_post",
)
def create_post(request, thread_id: int, data: PostIn):
    """201 with the new post; 200 with the existing one when it was sent twice."""
    thread = thread_or_404(request, thread_id)
    follow_up_to = None
    if data.follow_up_to is not None:
        follow_up_to = FactCheck.objects.filter(pk=data.follow_up_to, thread=thread).first()
        if follow_up_to is None:
            return service_error(
                request,
                ValidationError(
                    _("You can only ask a follow-up about a published fact-check in this thread."),
                    code="wrong_fact_check",
                ),
            )
    try:
        post = services.post_reply(
            request.user,
            thread,
            data.text,
            language=data.language,
            follow_up_to=follow_up_to,
            accept_guidelines=data.accept_guidelines,
            token=data.token,
            address=client_address(request),
        )
    except ValidationError as error:
        return service_error(request, error)
    except RateLimited as error:
        return rate_limited(request, error)
    return Status(200 if post.was_duplicate else 201, post_out(post))


@router.post(
    "/threads/{int:thread_id}/fact-checks",
    auth=SIGNED_IN,
    response={201: FactCheckOut, 400: ServiceErrorOut, 403: ServiceErrorOut, 404: ErrorOut},
    summary="Write a fact-check (leaders, staff, partners)",
    operation_id="forums_api_create_fact_check",
)
def create_fact_check(request, thread_id: int, data: FactCheckIn):
    """Saved awaiting a second reviewer; the public does not see it until published."""
    thread = thread_or_404(request, thread_id)
    try:
        fact_check = services.write_fact_check(
            request.user,
            thread,
            verdict=data.verdict,
            text=data.explanation,
            sources=[source.dict() for source in data.sources],
            language=data.language,
        )
    except ValidationError as error:
        return service_error(request, error)
    return Status(201, fact_check_out(fact_check, fact_check.latest_revision))


@router.post(
    "/fact-checks/{int:fact_check_id}/publish",
    auth=SIGNED_IN,
    response={200: FactCheckOut, 400: ServiceErrorOut, 403: ServiceErrorOut, 404: ErrorOut},
    summary="Publish a fact-check as its second reviewer",
    operation_id="forums_api_publish_fact_check",
)
def publish_fact_check(request, fact_check_id: int):
    fact_check = (
        FactCheck.objects.select_related("thread", "thread__forum", "latest_revision")
        .filter(pk=fact_check_id)
        .first()
    )
    if fact_check is None or not rules.test_rule(
        "forums.view_thread", request.user, fact_check.thread
    ):
        raise Http404(_("There is no fact-check with this number."))
    if not rules.test_rule("forums.view_fact_check_drafts", request.user):
        raise PermissionDenied
    try:
        fact_check = services.publish_fact_check(request.user, fact_check)
    except ValidationError as error:
        return service_error(request, error)
    return fact_check_out(fact_check, fact_check.published_revision)
