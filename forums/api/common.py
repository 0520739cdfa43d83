"""What the forums' API endpoints share: the router, finding what the caller may see,
the language of the answer, paging, and turning service refusals into JSON."""

import rules
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from engage.apikit import PUBLIC_READ, json_response, request_language

from ..models import ForumPage, Thread

router = Router(tags=["forums"], auth=PUBLIC_READ)

# Refusals that mean "you may not", not "your input is wrong".
FORBIDDEN_CODES = frozenset(
    {
        "log_in",
        "verify_email",
        "not_published",
        "locked",
        "suspended",
        "banned",
        "not_fact_checker",
        "same_reviewer",
        "cannot_review",
        "cannot_mark",
    }
)


class ServiceErrorOut(Schema):
    detail: str
    code: str = ""


def service_error(request, error):
    """A service's ValidationError as JSON: 403 for "you may not", else 400."""
    code = getattr(error, "code", "") or ""
    status = 403 if code in FORBIDDEN_CODES else 400
    return json_response(request, {"detail": str(error.messages[0]), "code": code}, status)


def rate_limited(request, error):
    """429 with Retry-After, when posting too fast."""
    response = json_response(request, {"detail": str(error.message), "code": "rate_limited"}, 429)
    response["Retry-After"] = str(error.retry_after)
    return response


def activate_language(request, lang):
    language = request_language(request, lang)
    translation.activate(language)
    return language


def forum_or_404(request, forum_id):
    """The forum, or 404 when it does not exist or the caller may not see it."""
    forum = ForumPage.objects.filter(pk=forum_id).first()
    if forum is None or not rules.test_rule("forums.view_forum", request.user, forum):
        raise Http404(_("There is no published forum with this number."))
    return forum


def thread_or_404(request, thread_id):
    """The thread (with forum, author and topic), or 404 as for `forum_or_404`."""
    thread = Thread.objects.select_related("forum", "author", "topic").filter(pk=thread_id).first()
    if thread is None or not rules.test_rule("forums.view_thread", request.user, thread):
        raise Http404(_("There is no published thread with this number."))
    return thread
