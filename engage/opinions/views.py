"""The voting page of an opinion map, inside i18n_patterns at /<lang>/opinions/<id>/.

Works without JavaScript: each vote button posts a plain form and the answer is a
redirect (303) to the page, which shows the next statement. `opinions/vote.js` sends
the same form with `X-Requested-With: fetch` and gets the vote card back as an HTML
fragment (`opinions/includes/vote_card.html`) to put in place. Adding a statement is a
plain form; an error shows the page again with the error summary (400).
"""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from engage.moderation.content import ContentStatus, ModerationMode
from engage.ratelimit import RateLimited, client_address

from . import services
from .forms import VOTE_CHOICES, StatementForm, VoteForm
from .models import OpinionMap, Statement
from .ordering import offer_for
from .rules import SUBMIT_STATEMENT, VIEW_MAP

VOTE_SAVED = _("Your vote has been saved.")
VOTE_LABELS = {int(value): label for value, label in VOTE_CHOICES}


def wants_fragment(request):
    """True for the in-place submissions of vote.js (`X-Requested-With: fetch`)."""
    return request.headers.get("X-Requested-With") == "fetch"


def map_or_404(request, map_id):
    """The map, when `request.user` may see it (`opinions.view_map`); 404 otherwise."""
    opinion_map = get_object_or_404(OpinionMap, pk=map_id)
    if not rules.test_rule(VIEW_MAP, request.user, opinion_map):
        raise Http404
    return opinion_map


def _chosen_statement(request):
    try:
        return int(request.GET.get("statement", ""))
    except ValueError:
        return None


def _results_url(opinion_map):
    """The live map's page (helper H4's `opinions:map`), when it exists."""
    try:
        return reverse("opinions:map", kwargs={"map_id": opinion_map.pk})
    except NoReverseMatch:
        return ""


def card_context(request, opinion_map, *, chosen=None, error=None, announcement=None):
    """What `opinions/includes/vote_card.html` needs."""
    user = request.user
    participant = services.participant_for(user, opinion_map) if user.is_authenticated else None
    offer = offer_for(opinion_map, participant, chosen=chosen)
    refusal = services.refusal(user, opinion_map)
    return {
        "opinion_map": opinion_map,
        "offer": offer,
        "may_vote": refusal is None,
        "vote_refusal": services.REFUSALS[refusal] if refusal else "",
        "needs_log_in": refusal == "log_in",
        "vote_choices": VOTE_CHOICES,
        "current_vote_label": VOTE_LABELS.get(offer.current_vote),
        "vote_error": error,
        "announcement": announcement,
        "voted_statements": _voted_statements(opinion_map, offer) if offer.done else [],
    }


def _voted_statements(opinion_map, offer):
    """[(statement, vote label)] of the person's votes, for changing one."""
    statements = Statement.objects.votable().of_map(opinion_map).filter(pk__in=list(offer.votes))
    return [(s, VOTE_LABELS.get(offer.votes[s.pk])) for s in statements.order_by("pk")]


def page_context(request, opinion_map, *, statement_form=None, chosen=None):
    user = request.user
    submit_refusal = services.refusal(user, opinion_map, submitting=True)
    pre_moderated = opinion_map.moderation_mode == ModerationMode.PRE
    own = []
    if user.is_authenticated:
        own = list(
            Statement.objects.of_map(opinion_map)
            .filter(author=user)
            .exclude(status=ContentStatus.WITHDRAWN)
            .order_by("-created", "-pk")[:20]
        )
    return {
        **card_context(request, opinion_map, chosen=chosen),
        "results_url": _results_url(opinion_map),
        "may_submit": submit_refusal is None,
        "submit_refusal": services.REFUSALS[submit_refusal] if submit_refusal else "",
        "statement_form": statement_form or StatementForm(pre_moderated=pre_moderated),
        "own_statements": own,
    }


def _back(opinion_map, anchor):
    """303 See Other to the voting page at `anchor`: the browser follows with a GET."""
    url = reverse("opinions:vote", kwargs={"map_id": opinion_map.pk})
    response = redirect(f"{url}#{anchor}")
    response.status_code = 303
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def vote_view(request, map_id):
    """The voting page (GET), and a vote (POST: `statement` and `value`)."""
    opinion_map = map_or_404(request, map_id)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "opinions/vote.html",
            page_context(request, opinion_map, chosen=_chosen_statement(request)),
        )
    error, status, retry_after = None, 200, None
    form = VoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Please choose agree, disagree or pass."), code="bad_vote")
        statement = Statement.objects.filter(
            pk=form.cleaned_data["statement"], map=opinion_map
        ).first()
        if statement is None:
            raise ValidationError(
                _("This statement is no longer open for votes. Here is another one."),
                code="not_votable",
            )
        services.vote(
            request.user,
            statement,
            form.cleaned_data["value"],
            address=client_address(request),
        )
    except PermissionDenied as exc:
        error, status = str(exc), 403
    except ValidationError as exc:
        error, status = exc.messages[0], 400
    except RateLimited as exc:
        if not wants_fragment(request):
            raise
        error, status, retry_after = exc.message, 429, exc.retry_after
    if wants_fragment(request):
        announcement = None if error else _("%(saved)s Next statement.") % {"saved": VOTE_SAVED}
        response = TemplateResponse(
            request,
            "opinions/includes/vote_card.html",
            card_context(request, opinion_map, error=error, announcement=announcement),
            status=status,
        )
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, VOTE_SAVED)
    return _back(opinion_map, "statement")


@require_POST
def submit_statement_view(request, map_id):
    """Add a statement (POST: `text`, optional `language`)."""
    opinion_map = map_or_404(request, map_id)
    pre_moderated = opinion_map.moderation_mode == ModerationMode.PRE
    form = StatementForm(request.POST, pre_moderated=pre_moderated)
    if not rules.test_rule(SUBMIT_STATEMENT, request.user, opinion_map):
        code = services.refusal(request.user, opinion_map, submitting=True)
        messages.error(request, services.REFUSALS[code])
        return _back(opinion_map, "add-statement")
    if form.is_valid():
        try:
            statement = services.submit_statement(
                request.user,
                opinion_map,
                form.cleaned_data["text"],
                language=form.cleaned_data["language"] or None,
                address=client_address(request),
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return _back(opinion_map, "add-statement")
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            if statement.is_published:
                messages.success(
                    request, _("Thank you. Your statement is on the map and others can vote on it.")
                )
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. A moderator will read your statement; it joins the map "
                        "once it is approved."
                    ),
                )
            return _back(opinion_map, "add-statement")
    return TemplateResponse(
        request,
        "opinions/vote.html",
        page_context(request, opinion_map, statement_form=form),
        status=400,
    )
