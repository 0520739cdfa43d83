"""A thread's page, starting a thread, replying, and the moderators' thread settings."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engage.ratelimit import RateLimited, client_address

from .. import services
from ..blockers import BLOCKER_MESSAGES
from ..forms import ReplyForm, ThreadForm, ThreadSettingsForm
from ..models import POSTS_PER_PAGE, FactCheck, Post
from ..rules import reply_blocker, start_thread_blocker
from .common import (
    RATE_LIMITED_STATUS,
    posted_message,
    rate_limited,
    viewable_forum,
    viewable_thread,
)


def thread_new(request, forum_id):
    """Start a thread (a discussion or a claim) in a forum."""
    forum = viewable_forum(request, forum_id)
    blocker = start_thread_blocker(request.user, forum)
    topics = list(forum.topics.all())
    needs_guidelines = blocker is None and not services.has_accepted_guidelines(request.user, forum)
    form_kwargs = {"topics": topics, "needs_guidelines": needs_guidelines}
    status = 200
    if request.method == "POST":
        form = ThreadForm(request.POST, **form_kwargs)
        if blocker is not None:
            form.is_valid()
            form.add_error(None, BLOCKER_MESSAGES[blocker])
            status = 403
        elif form.is_valid():
            data = form.cleaned_data
            topic = next((t for t in topics if str(t.pk) == data.get("topic")), None)
            try:
                thread = services.start_thread(
                    request.user,
                    forum,
                    title=data["title"],
                    text=data["text"],
                    language=data["language"],
                    kind=data["kind"],
                    topic=topic,
                    heard_where=data.get("heard_where", ""),
                    accept_guidelines=data.get("accept_guidelines", False),
                    token=data.get("token"),
                    address=client_address(request),
                )
            except ValidationError as error:
                form.add_service_error(error)
            except RateLimited as error:
                rate_limited(form, error)
                status = RATE_LIMITED_STATUS
            else:
                posted_message(request, thread, thread.kind)
                return redirect(thread.get_absolute_url())
        if status == 200:
            status = 400
    else:
        initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") else {}
        form = ThreadForm(initial=initial, **form_kwargs)
    return TemplateResponse(
        request,
        "forums/thread_new.html",
        {
            "forum": forum,
            "page": forum,
            "form": form if blocker is None else None,
            "blocker": blocker,
            "blocker_message": BLOCKER_MESSAGES.get(blocker),
        },
        status=status,
    )


# --- a thread ----------------------------------------------------------------------


def _thread_context(request, thread, reply_form=None):
    user = request.user
    blocker = reply_blocker(user, thread)
    forum = thread.forum
    if blocker is None and reply_form is None:
        reply_form = ReplyForm(
            needs_guidelines=not services.has_accepted_guidelines(user, forum),
            initial={"follow_up_to": request.GET.get("follow_up") or None},
        )
    posts = (
        Post.objects.visible_to(user)
        .filter(thread=thread)
        .select_related("author", "follow_up_to")
        .in_order()
    )
    page_obj = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    published = list(thread.published_fact_checks()) if thread.is_claim else []
    marked = set()
    if user.is_authenticated and published:
        marked = set(
            FactCheck.objects.filter(
                pk__in=[fc.pk for fc in published], helpful_marks__user=user
            ).values_list("pk", flat=True)
        )
    drafts = []
    if thread.is_claim and rules.test_rule("forums.view_fact_check_drafts", user):
        drafts = list(
            thread.fact_checks.awaiting_review()
            .select_related("latest_revision", "latest_revision__author", "author")
            .order_by("created_at")
        )
        for draft in drafts:
            draft.can_review = rules.test_rule("forums.review_fact_check", user, draft)
            draft.can_revise = rules.test_rule("forums.revise_fact_check", user, draft)
    for fact_check in published:
        fact_check.marked_helpful = fact_check.pk in marked
        fact_check.can_revise = rules.test_rule("forums.revise_fact_check", user, fact_check)
    follow_ups = {fc.pk: fc for fc in published}
    if reply_form is not None and reply_form.is_bound:
        follow_up_id = reply_form.data.get("follow_up_to") or ""
    else:
        follow_up_id = request.GET.get("follow_up") or ""
    follow_up = follow_ups.get(int(follow_up_id)) if str(follow_up_id).isdigit() else None
    return {
        "thread": thread,
        "forum": forum,
        "page": forum,
        "posts": page_obj.object_list,
        "page_obj": page_obj,
        "fact_checks": published,
        "current_fact_check": published[0] if published else None,
        "draft_fact_checks": drafts,
        "reply_form": reply_form if blocker is None else None,
        "follow_up": follow_up,
        "reply_blocker": blocker,
        "reply_blocker_message": BLOCKER_MESSAGES.get(blocker),
        "can_write_fact_check": rules.test_rule("forums.write_fact_check", user, thread),
        "can_mark_helpful": user.is_authenticated and rules.test_rule("accounts.take_part", user),
        "can_moderate": rules.test_rule("forums.moderate_thread", user, thread),
        "settings_form": ThreadSettingsForm(
            initial={
                "is_locked": thread.is_locked,
                "is_pinned": thread.is_pinned,
                "slow_mode_minutes": thread.slow_mode_minutes,
            }
        ),
        "opening_can_edit": rules.test_rule("forums.edit_post", user, thread)
        and thread.can_still_edit(),
        # Own posts can be edited (within the edit window) unless the thread is locked.
        "thread_allows_edits": forum.live and not thread.is_locked,
    }


def thread_detail(request, pk):
    """One thread: the claim and its verdict, fact-checks, posts, and the reply form."""
    thread = viewable_thread(request, pk)
    return TemplateResponse(request, "forums/thread.html", _thread_context(request, thread))


@require_POST
def thread_reply(request, pk):
    """Post a reply (or a follow-up question about a fact-check) in a thread."""
    thread = viewable_thread(request, pk)
    form = ReplyForm(
        request.POST,
        needs_guidelines=not services.has_accepted_guidelines(request.user, thread.forum)
        if request.user.is_authenticated
        else False,
    )
    status = 400
    if form.is_valid():
        follow_up_to = None
        if form.cleaned_data.get("follow_up_to"):
            follow_up_to = FactCheck.objects.filter(
                pk=form.cleaned_data["follow_up_to"], thread=thread
            ).first()
        try:
            post = services.post_reply(
                request.user,
                thread,
                form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                follow_up_to=follow_up_to,
                accept_guidelines=form.cleaned_data.get("accept_guidelines", False),
                token=form.cleaned_data.get("token"),
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_service_error(error)
            if error.code in ("log_in", "verify_email", "not_published", "locked"):
                status = 403
        except RateLimited as error:
            rate_limited(form, error)
            status = RATE_LIMITED_STATUS
        else:
            posted_message(request, post, "post")
            return redirect(post.get_absolute_url())
    context = _thread_context(request, thread, reply_form=form)
    if context["reply_form"] is None:
        # Not allowed to reply at all: show why, above the thread.
        context["reply_errors"] = form.non_field_errors()
    return TemplateResponse(request, "forums/thread.html", context, status=status)


@require_POST
def thread_settings(request, pk):
    """Lock, pin or slow down a thread."""
    thread = viewable_thread(request, pk)
    if not rules.test_rule("forums.moderate_thread", request.user, thread):
        raise Http404
    form = ThreadSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_thread_settings(
                request.user,
                thread,
                is_locked=form.cleaned_data["is_locked"],
                is_pinned=form.cleaned_data["is_pinned"],
                slow_mode_minutes=form.cleaned_data["slow_mode_minutes"] or 0,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The thread settings have been saved."))
    else:
        messages.error(
            request,
            _("Slow mode must be a whole number of minutes, 0 or more. Nothing was changed."),
        )
    return redirect(thread.get_absolute_url() + "#thread-settings")
