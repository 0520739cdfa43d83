"""Fact-checks: writing, revising, publishing (a second reviewer), "helpful" marks and
the history of revisions."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from engage.moderation.content import ContentStatus

from .. import services
from ..forms import FactCheckForm
from ..models import FactCheck
from .common import viewable_thread


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
    thread = viewable_thread(request, pk)
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
