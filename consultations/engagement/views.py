"""Reaction buttons and survey pages. Plain forms that work without JavaScript;
engagement/reactions.js submits reactions in place and follows live counts."""

import rules
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from consultations.models import Comment, Proposal
from engage.ratelimit import RateLimited, check_rate, client_address

from .forms import SurveyForm
from .models import Survey, SurveyOption, SurveyQuestion, SurveyResponse, with_reaction_counts
from .rules import consultation_of, survey_blocker
from .services import (
    SURVEY_MESSAGES,
    SurveyErrors,
    previous_answers,
    react,
    remove_reaction,
    submit_survey,
)

TARGET_KINDS = ("proposal", "comment")


def reaction_target(request, kind, pk, *, annotate=False):
    """The proposal or comment `kind`/`pk` if the reader may see it; 404 otherwise."""
    if kind == "proposal":
        queryset = Proposal.objects.select_related("page")
    elif kind == "comment":
        queryset = Comment.objects.visible_to(request.user).select_related("consultation")
    else:
        raise Http404
    if annotate:
        queryset = with_reaction_counts(queryset, request.user, kind)
    target = get_object_or_404(queryset, pk=pk)
    if not rules.test_rule(
        "consultations.view_consultation", request.user, consultation_of(target)
    ):
        raise Http404
    return target


def _return_url(request, kind, target):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    url = consultation_of(target).url or "/"
    return f"{url}#{kind}-{target.pk}" if kind == "comment" else f"{url}#proposal-{target.pk}"


def wants_fragment(request):
    """True for the in-place submissions of reactions.js (`X-Requested-With: fetch`)."""
    return request.headers.get("X-Requested-With") == "fetch"


@require_POST
def react_view(request, kind, pk):
    """Set, change or remove the reader's reaction. `value` is support, oppose or
    unsure; `remove` takes the reaction back. Answers with the updated buttons for
    reactions.js, or redirects back to the target (no JavaScript)."""
    target = reaction_target(request, kind, pk)
    value = request.POST.get("value", "")
    error, status, retry_after = None, 200, None
    try:
        check_rate("reaction", user=request.user, address=client_address(request))
        if value == "remove":
            removed = remove_reaction(request.user, target)
            done = _("Your reaction has been removed.") if removed else None
        else:
            react(request.user, target, value)
            done = _("Your reaction has been saved.")
    except ValidationError as exc:
        error, status, done = exc.messages[0], 400, None
    except RateLimited as exc:
        if not wants_fragment(request):
            raise
        error, status, done, retry_after = exc.message, 429, None, exc.retry_after
    if wants_fragment(request):
        fresh = reaction_target(request, kind, pk, annotate=True)
        response = TemplateResponse(
            request,
            "engagement/reactions.html",
            {
                "target": fresh,
                "kind": kind,
                "reaction_error": error,
                "reaction_done": done,
                "next": request.POST.get("next", ""),
            },
            status=status,
        )
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
        return response
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(_return_url(request, kind, target))


def _survey(request, pk):
    survey = get_object_or_404(
        Survey.objects.select_related("consultation").prefetch_related(
            Prefetch(
                "questions",
                queryset=SurveyQuestion.objects.order_by("sort_order", "pk").prefetch_related(
                    Prefetch("options", queryset=SurveyOption.objects.order_by("sort_order", "pk"))
                ),
            )
        ),
        pk=pk,
    )
    if not rules.test_rule("engagement.view_survey", request.user, survey):
        raise Http404
    return survey


def survey_view(request, pk):
    """A survey: a form per question, filled with the person's earlier answers so they
    can change them; read only, with the reason, when they cannot answer."""
    survey = _survey(request, pk)
    blocker = survey_blocker(request.user, survey)
    previous = previous_answers(request.user, survey)
    status = 200
    if request.method == "POST":
        form = SurveyForm(survey, request.POST, previous=previous, read_only=blocker is not None)
        if blocker is not None:
            messages.error(request, SURVEY_MESSAGES[blocker])
            return redirect(survey.get_absolute_url())
        if form.is_valid():
            check_rate("survey", user=request.user, address=client_address(request))
            try:
                submit_survey(request.user, survey, form.answers())
            except SurveyErrors as exc:
                form.add_service_errors(exc.errors)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your answers have been saved. You can change them until "
                        "the consultation closes."
                    ),
                )
                return redirect(survey.get_absolute_url())
        status = 400
    else:
        form = SurveyForm(survey, previous=previous, read_only=blocker is not None)
    answered = (
        request.user.is_authenticated
        and SurveyResponse.objects.filter(survey=survey, user=request.user).exists()
    )
    return TemplateResponse(
        request,
        "engagement/survey.html",
        {
            "survey": survey,
            "consultation": survey.consultation,
            "page": survey.consultation,
            "form": form,
            "blocker": blocker,
            "blocker_message": SURVEY_MESSAGES.get(blocker) if blocker else None,
            "answered": answered,
        },
        status=status,
    )
