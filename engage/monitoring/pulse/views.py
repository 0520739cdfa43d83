"""The HTTP edge of pulse surveys under /<lang>/pulse/: the list of open waves, the
answer form (signed in, or with a one-time link and no account), and the results page
for city staff and partners with a grant for the wave's areas.

Everything works without JavaScript. Nobody's answers are ever shown back, not even
their own (a one-time link can be passed on; a shared computer can be left signed in).
"""

import rules
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from engage.communities.models import Dimension
from engage.communities.representation import BaselineNotFound

from .forms import AnswerForm
from .models import Wave
from .results import describe_change, wave_representation, wave_results, weighted_results
from .rules import ANSWER, VIEW_RESULTS
from .services import PulseError, has_answered, link_from_token, submit_answers

BLOCKERS = {
    "closed": _("This survey is not taking answers at the moment."),
    "log_in": _("Log in to answer this survey, or use the link you were given."),
    "verify": _("Confirm your email address to answer this survey."),
    "answered": _("You have already answered this survey. Thank you for taking part."),
    "already_answered": _("You have already answered this survey. Thank you for taking part."),
    "link_used": _("This link has already been used. Each link can be used once."),
}


def _offered(wave, language):
    return not wave.languages or language in wave.languages


def index(request):
    """The waves taking answers today in the reader's language."""
    language = translation.get_language()
    waves = [
        wave
        for wave in Wave.objects.open_now().prefetch_related("areas")
        if _offered(wave, language)
    ]
    return TemplateResponse(request, "pulse/index.html", {"waves": waves})


def _wave(pk):
    return get_object_or_404(Wave.objects.prefetch_related("areas", "questions"), pk=pk)


def _render_form(request, wave, form, *, action, status=200, blocker=None, link=False):
    return TemplateResponse(
        request,
        "pulse/answer.html",
        {
            "wave": wave,
            "form": form,
            "action": action,
            "blocker": blocker,
            "blocker_message": BLOCKERS.get(blocker),
            "with_link": link,
            "is_open": wave.is_open_on(timezone.localdate()),
        },
        status=status,
    )


def _submit(request, wave, form, **who):
    try:
        submit_answers(
            wave,
            form.answers(),
            area=form.area_id(),
            language=translation.get_language() or "",
            **who,
        )
    except PulseError as error:
        return error
    return None


@never_cache
def answer(request, pk):
    """Answer a wave signed in: once; the page then says so."""
    wave = _wave(pk)
    path = request.get_full_path()
    if not wave.is_open_on(timezone.localdate()):
        return _render_form(request, wave, None, action=path, blocker="closed")
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(path)
        return _render_form(request, wave, None, action=path, blocker="log_in")
    if not rules.test_rule(ANSWER, request.user):
        return _render_form(request, wave, None, action=path, blocker="verify", status=403)
    if has_answered(request.user, wave):
        return _render_form(request, wave, None, action=path, blocker="answered")
    if request.method == "POST":
        form = AnswerForm(wave, request.POST)
        if form.is_valid():
            error = _submit(request, wave, form, user=request.user)
            if error is None:
                return TemplateResponse(request, "pulse/thanks.html", {"wave": wave})
            return _render_form(request, wave, None, action=path, blocker=error.code)
        return _render_form(request, wave, form, action=path, status=400)
    return _render_form(request, wave, AnswerForm(wave), action=path)


@never_cache
def answer_with_link(request, token):
    """Answer a wave with a one-time link: no account; the link works once."""
    link = link_from_token(token)
    if link is None:
        raise Http404("unknown link")
    wave = _wave(link.wave_id)
    path = request.path
    if link.used_at is not None:
        return _render_form(request, wave, None, action=path, blocker="link_used", status=410)
    if not wave.is_open_on(timezone.localdate()):
        return _render_form(request, wave, None, action=path, blocker="closed", link=True)
    if request.method == "POST":
        form = AnswerForm(wave, request.POST)
        if form.is_valid():
            error = _submit(request, wave, form, link=link)
            if error is None:
                return TemplateResponse(request, "pulse/thanks.html", {"wave": wave})
            return _render_form(request, wave, None, action=path, blocker=error.code, status=410)
        return _render_form(request, wave, form, action=path, status=400, link=True)
    return _render_form(request, wave, AnswerForm(wave), action=path, link=True)


@never_cache
def results(request, pk):
    """A wave's results: per question, overall, per area, per group (?dimension=),
    weighted (?weight=<dimension>), and who answered against the baseline."""
    wave = _wave(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rules.test_rule(VIEW_RESULTS, request.user, wave):
        raise PermissionDenied
    dimensions = list(Dimension.objects.order_by("sort_order", "name"))
    by_slug = {dimension.slug: dimension for dimension in dimensions}
    dimension = by_slug.get(request.GET.get("dimension", ""))
    weight_dimension = by_slug.get(request.GET.get("weight", ""))
    published = wave_results(wave, dimension=dimension)
    for question in published["questions"]:
        question["change_text"] = describe_change(question["overall"]["change"])
    weighted = weighting = None
    if weight_dimension is not None:
        weighted, weighting = weighted_results(wave, weight_dimension)
    try:
        representation = wave_representation(wave, dimension=dimension).publishable()
    except BaselineNotFound:
        representation = None
    for question in published["questions"]:
        if weighted is not None:
            question["weighted"] = _published_weighted(weighted.get(question["key"]))
    return TemplateResponse(
        request,
        "pulse/results.html",
        {
            "wave": wave,
            "results": published,
            "dimensions": dimensions,
            "dimension": dimension,
            "weight_dimension": weight_dimension,
            "weighting": weighting,
            "representation": representation,
        },
    )


def _published_weighted(entry):
    """A weighted figure as shown: withheld below the small-cell threshold."""
    if not entry or entry["answers"] < settings.SMALL_CELL_THRESHOLD or entry["share"] is None:
        return {"share": None, "interval": None, "effective_n": None}
    low, high = entry["interval"]
    return {
        "share": round(entry["share"], 4),
        "interval": [round(low, 4), round(high, 4)],
        "effective_n": round(entry["effective_n"], 1),
    }
