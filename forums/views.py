"""Forum pages outside the Wagtail tree: threads, posting, fact-checks, the library.

Forum pages themselves (the list of threads) are Wagtail pages. Everything here works
without JavaScript; forums/static/forums/thread-live.js adds live updates.
"""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engage.moderation.content import ContentStatus
from engage.ratelimit import RateLimited, client_address

from . import services
from .forms import EditForm, FactCheckForm, ReplyForm, ThreadForm, ThreadSettingsForm
from .library import LibraryFilters, library_claims
from .models import (
    POSTS_PER_PAGE,
    FactCheck,
    ForumPage,
    Post,
    Thread,
    ThreadKind,
)
from .rules import reply_blocker, start_thread_blocker

RATE_LIMITED_STATUS = 429


def _viewable_forum(request, forum_id):
    forum = get_object_or_404(ForumPage.objects.specific(), pk=forum_id)
    if not rules.test_rule("forums.view_forum", request.user, forum):
        raise Http404
    return forum


def _viewable_thread(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("forum", "author", "topic"), pk=pk)
    if not rules.test_rule("forums.view_thread", request.user, thread):
        raise Http404
    thread.forum = thread.forum.specific
    return thread


def _own_content(request, content):
    if not request.user.is_authenticated or content.author_id != request.user.pk:
        raise Http404


def _posted_message(request, content, what):
    if getattr(content, "was_duplicate", False):
        messages.info(request, _("You had already sent this, so it was posted only once."))
    elif content.is_pending:
        messages.success(
            request, _("Thank you. Your post will appear once a moderator has checked it.")
        )
    elif what == "claim":
        messages.success(
            request,
            _(
                "Thank you. Your claim has been posted. Community leaders, staff and partners "
                "will look at the facts."
            ),
        )
    else:
        messages.success(request, _("Thank you. Your post has been posted."))


def _rate_limited(form, error):
    form.add_error(None, error.message)


# --- new thread --------------------------------------------------------------------


def thread_new(request, forum_id):
    """Start a thread (a discussion or a claim) in a forum."""
    forum = _viewable_forum(request, forum_id)
    blocker = start_thread_blocker(request.user, forum)
    topics = list(forum.topics.all())
    needs_guidelines = blocker is None and not services.has_accepted_guidelines(request.user, forum)
    form_kwargs = {"topics": topics, "needs_guidelines": needs_guidelines}
    status = 200
    if request.method == "POST":
        form = ThreadForm(request.POST, **form_kwargs)
        if blocker is not None:
            form.is_valid()
            form.add_error(None, services.BLOCKER_MESSAGES[blocker])
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
                _rate_limited(form, error)
                status = RATE_LIMITED_STATUS
            else:
                _posted_message(request, thread, thread.kind)
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
            "blocker_message": services.BLOCKER_MESSAGES.get(blocker),
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
        "reply_blocker_message": services.BLOCKER_MESSAGES.get(blocker),
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
    thread = _viewable_thread(request, pk)
    return TemplateResponse(request, "forums/thread.html", _thread_context(request, thread))


@require_POST
def thread_reply(request, pk):
    """Post a reply (or a follow-up question about a fact-check) in a thread."""
    thread = _viewable_thread(request, pk)
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
            _rate_limited(form, error)
            status = RATE_LIMITED_STATUS
        else:
            _posted_message(request, post, "post")
            return redirect(post.get_absolute_url())
    context = _thread_context(request, thread, reply_form=form)
    if context["reply_form"] is None:
        # Not allowed to reply at all: show why, above the thread.
        context["reply_errors"] = form.non_field_errors()
    return TemplateResponse(request, "forums/thread.html", context, status=status)


# --- editing and withdrawing -------------------------------------------------------


def _edit(request, content, thread):
    _own_content(request, content)
    if not content.can_still_edit() or not rules.test_rule(
        "forums.edit_post", request.user, content
    ):
        raise Http404
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.edit_content(request.user, content, form.cleaned_data["text"])
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Your post has been changed."))
                return redirect(content.get_absolute_url())
    else:
        form = EditForm(initial={"text": content.body_text})
    return TemplateResponse(
        request,
        "forums/post_edit.html",
        {"content": content, "thread": thread, "page": thread.forum, "form": form},
        status=400 if form.errors else 200,
    )


def _withdraw(request, content, thread):
    _own_content(request, content)
    if content.is_withdrawn:
        raise Http404
    if request.method == "POST":
        services.withdraw_content(request.user, content)
        messages.success(request, _("Your post has been withdrawn."))
        return redirect(content.get_absolute_url())
    return TemplateResponse(
        request,
        "forums/post_withdraw.html",
        {"content": content, "thread": thread, "page": thread.forum},
    )


def _visible_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread", "thread__forum"), pk=pk)
    if not rules.test_rule("forums.view_post", request.user, post):
        raise Http404
    return post


def post_edit(request, pk):
    post = _visible_post(request, pk)
    return _edit(request, post, post.thread)


def post_withdraw(request, pk):
    post = _visible_post(request, pk)
    return _withdraw(request, post, post.thread)


def thread_edit(request, pk):
    thread = _viewable_thread(request, pk)
    return _edit(request, thread, thread)


def thread_withdraw(request, pk):
    thread = _viewable_thread(request, pk)
    return _withdraw(request, thread, thread)


# --- fact-checks -------------------------------------------------------------------


def _fact_check(request, pk):
    fact_check = get_object_or_404(
        FactCheck.objects.select_related(
            "thread", "thread__forum", "latest_revision", "published_revision"
        ),
        pk=pk,
    )
    if not rules.test_rule("forums.view_thread", request.user, fact_check.thread):
        raise Http404
    visible = fact_check.published_revision_id and fact_check.status in (
        ContentStatus.PUBLISHED,
        ContentStatus.WITHDRAWN,
    )
    if not visible and not rules.test_rule("forums.view_fact_check_drafts", request.user):
        raise Http404
    return fact_check


def _fact_check_form_response(request, thread, form, fact_check=None, status=200):
    return TemplateResponse(
        request,
        "forums/fact_check_form.html",
        {"thread": thread, "page": thread.forum, "form": form, "fact_check": fact_check},
        status=status,
    )


def fact_check_new(request, pk):
    """A fact-checker answers a claim: verdict, explanation, sources."""
    thread = _viewable_thread(request, pk)
    if not rules.test_rule("forums.write_fact_check", request.user, thread):
        raise Http404
    if request.method == "POST":
        form = FactCheckForm(request.POST)
        if form.is_valid():
            try:
                services.write_fact_check(
                    request.user,
                    thread,
                    verdict=form.cleaned_data["verdict"],
                    text=form.cleaned_data["text"],
                    sources=form.sources(),
                    language=form.cleaned_data["language"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your fact-check is saved. A second reviewer (a leader, "
                        "staff or partner other than you) must publish it before residents "
                        "see it."
                    ),
                )
                return redirect(thread.get_absolute_url() + "#fact-checks")
        return _fact_check_form_response(request, thread, form, status=400)
    return _fact_check_form_response(request, thread, FactCheckForm())


def fact_check_revise(request, pk):
    """A new revision of a fact-check; it waits for a second reviewer again."""
    fact_check = _fact_check(request, pk)
    thread = fact_check.thread
    thread.forum = thread.forum.specific
    if not rules.test_rule("forums.revise_fact_check", request.user, fact_check):
        raise Http404
    if request.method == "POST":
        form = FactCheckForm(request.POST, revising=True)
        if form.is_valid():
            try:
                services.revise_fact_check(
                    request.user,
                    fact_check,
                    verdict=form.cleaned_data["verdict"],
                    text=form.cleaned_data["text"],
                    sources=form.sources(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _(
                        "Your revision is saved. It will be shown once a second reviewer publishes it."
                    ),
                )
                return redirect(thread.get_absolute_url() + "#fact-checks")
        return _fact_check_form_response(request, thread, form, fact_check, status=400)
    form = FactCheckForm(initial=FactCheckForm.initial_from(fact_check), revising=True)
    return _fact_check_form_response(request, thread, form, fact_check)


@require_POST
def fact_check_publish(request, pk):
    """A second reviewer publishes a fact-check's newest revision."""
    fact_check = _fact_check(request, pk)
    try:
        services.publish_fact_check(request.user, fact_check)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The fact-check is published. Residents can see it now."))
    return redirect(fact_check.thread.get_absolute_url() + f"#fact-check-{fact_check.pk}")


@require_POST
def fact_check_helpful(request, pk):
    """A resident marks a published fact-check helpful."""
    fact_check = _fact_check(request, pk)
    try:
        created = services.mark_helpful(request.user, fact_check)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if created:
            messages.success(request, _("Thank you for telling us this fact-check helped."))
        else:
            messages.info(request, _("You have already marked this fact-check helpful."))
    return redirect(fact_check.thread.get_absolute_url() + f"#fact-check-{fact_check.pk}")


def fact_check_history(request, pk):
    """Every published revision of a fact-check (and, for fact-checkers, the drafts)."""
    fact_check = _fact_check(request, pk)
    thread = fact_check.thread
    revisions = fact_check.revisions.select_related("author", "reviewed_by").order_by("-number")
    if not rules.test_rule("forums.view_fact_check_drafts", request.user):
        revisions = revisions.filter(published_at__isnull=False)
    return TemplateResponse(
        request,
        "forums/fact_check_history.html",
        {
            "fact_check": fact_check,
            "thread": thread,
            "page": thread.forum.specific,
            "revisions": revisions,
        },
    )


# --- thread settings (moderators) ---------------------------------------------------


@require_POST
def thread_settings(request, pk):
    """Lock, pin or slow down a thread."""
    thread = _viewable_thread(request, pk)
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


# --- the myths and facts library ----------------------------------------------------


def library(request, forum_id=None):
    """Claims and their verdicts, city-wide or in one forum: search and filters."""
    forum = _viewable_forum(request, forum_id) if forum_id is not None else None
    filters = LibraryFilters.from_query(request.GET, forum=forum)
    claims = library_claims(request.user, filters)
    page_obj = Paginator(claims, 20).get_page(request.GET.get("page"))
    query = filters.querystring()
    return TemplateResponse(
        request,
        "forums/library.html",
        {
            "forum": forum,
            "page": forum,
            "filters": filters,
            "claims": page_obj.object_list,
            "page_obj": page_obj,
            "query": query,
            "library_url": reverse("forums:forum_library", kwargs={"forum_id": forum.pk})
            if forum
            else reverse("forums:library"),
            "thread_kinds": ThreadKind,
        },
    )
