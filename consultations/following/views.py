"""Notification settings, follow/unfollow buttons and the unsubscribe link; all work
without JavaScript (plain POST forms that redirect back)."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from consultations.models import ConsultationPage

from . import services
from .forms import NotificationSettingsForm
from .models import Follow


def _consultation(request, consultation_id):
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    if not rules.test_rule("consultations.view_consultation", request.user, consultation):
        raise Http404
    return consultation


def _back(request, fallback):
    """The safe `next` address from the form, else `fallback`."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """How to hear about updates (each, daily digest, none), auto-follow, and the list
    of followed consultations with a button to stop following each."""
    preference = services.preference_for(request.user)
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            services.save_preferences(request.user, **form.cleaned_data)
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("following:settings")
    else:
        form = NotificationSettingsForm(
            initial={
                "mode": preference.mode,
                "follow_when_commenting": preference.follow_when_commenting,
            }
        )
    follows = (
        Follow.objects.of(request.user)
        .filter(consultation__live=True)
        .select_related("consultation")
        .order_by("consultation__closes_at", "pk")
    )
    return TemplateResponse(
        request,
        "following/notification_settings.html",
        {"form": form, "follows": follows},
        status=400 if form.errors else 200,
    )


@require_POST
def follow_consultation(request, consultation_id):
    """Follow a consultation, then go back to where the button was."""
    consultation = _consultation(request, consultation_id)
    if not request.user.is_authenticated:
        return redirect_to_login(consultation.url)
    try:
        services.follow(request.user, consultation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "You are following this consultation. We will email you when it is closing "
                "soon and when its outcome is published."
            ),
        )
    return redirect(_back(request, consultation.url))


@require_POST
@login_required
def unfollow_consultation(request, consultation_id):
    """Stop following a consultation, then go back to where the button was."""
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    services.unfollow(request.user, consultation)
    messages.success(request, _("You are no longer following this consultation."))
    fallback = consultation.url if consultation.live else reverse("following:settings")
    return redirect(_back(request, fallback))


# The token in the link is the credential (signed, names one person), so the link works
# without logging in, and mail programs may POST to it directly (one-click unsubscribe).
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST
    turns every notification email off."""
    user = services.user_for_unsubscribe_token(token)
    if user is None:
        return TemplateResponse(
            request, "following/unsubscribe.html", {"invalid": True}, status=400
        )
    done = request.method == "POST"
    if done:
        services.unsubscribe(user)
    return TemplateResponse(request, "following/unsubscribe.html", {"done": done, "token": token})
