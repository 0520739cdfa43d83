"""Resident pages of moderation, inside i18n_patterns under /<lang>/moderation/:
reporting content, the decisions that affected me, and appealing one. No JavaScript
needed. Moderators work in the Wagtail admin (engage.moderation.admin_views)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from engage.ratelimit import check_rate, client_address

from . import registry, services
from .forms import AppealForm, ReportForm
from .models import APPEALABLE_ACTIONS, ModerationAction

UNAVAILABLE_STATUS = {"not_found": 404, "removed": 410, "own_content": 400, "not_verified": 403}


def _back_url(request, instance):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    try:
        return registry.place_of(instance)[2] or "/"
    except Exception:  # noqa: BLE001 - a broken place must not lose the report
        return "/"


@login_required
def report(request, kind, pk):
    """Report a piece of content: reasons as radio buttons, and a note."""
    try:
        instance = services.find_content(kind, pk)
        if instance.author_id == request.user.pk:
            raise ValidationError(
                _(
                    "This is your own contribution, so you cannot report it. You can edit or "
                    "withdraw it instead."
                ),
                code="own_content",
            )
        if not rules.test_rule("moderation.report", request.user, instance):
            raise ValidationError(
                _(
                    "Please verify your email address before reporting. Follow the link in "
                    "the email we sent you, or ask for a new one."
                ),
                code="not_verified",
            )
        problem = services._reported_content_problem(request.user, instance)
        if problem is not None:
            raise problem
    except ValidationError as error:
        return TemplateResponse(
            request,
            "moderation/report_unavailable.html",
            {"message": error.messages[0]},
            status=UNAVAILABLE_STATUS.get(error.code, 400),
        )
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                check_rate("report", user=request.user, address=client_address(request))
                result = services.report_content(
                    request.user,
                    instance,
                    form.cleaned_data["reason"],
                    form.cleaned_data["note"],
                )
            except ValidationError as error:
                if error.code in UNAVAILABLE_STATUS:
                    return TemplateResponse(
                        request,
                        "moderation/report_unavailable.html",
                        {"message": error.messages[0]},
                        status=UNAVAILABLE_STATUS[error.code],
                    )
                form.add_service_error(error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                if result.already_reported:
                    messages.info(
                        request,
                        _("You had already reported this. Thank you: moderators will look at it."),
                    )
                else:
                    messages.success(
                        request,
                        _("Thank you for your report. A moderator will look at it."),
                    )
                return redirect(_back_url(request, instance))
    else:
        form = ReportForm()
    return TemplateResponse(
        request,
        "moderation/report_form.html",
        {
            "form": form,
            "content": instance,
            "kind": kind,
            "next": _back_url(request, instance),
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_decisions(request):
    """Moderation decisions about my contributions or account, and my appeals."""
    actions = (
        ModerationAction.objects.filter(account=request.user, action__in=APPEALABLE_ACTIONS)
        .select_related("appeal")
        .order_by("-created_at", "-pk")[:100]
    )
    return TemplateResponse(request, "moderation/my_decisions.html", {"actions": actions})


@login_required
def appeal_new(request, action_id):
    """Appeal a decision that affected me."""
    action = get_object_or_404(ModerationAction, pk=action_id)
    if not rules.test_rule("moderation.appeal", request.user, action):
        raise Http404
    already = hasattr(action, "appeal")
    form = AppealForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            services.appeal(request.user, action, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Your appeal has been sent. A different moderator will decide it and email you."),
            )
            return redirect("moderation:my_decisions")
    return TemplateResponse(
        request,
        "moderation/appeal_form.html",
        {"action": action, "form": form, "already": already},
        status=400 if form.errors else 200,
    )
