"""The optional "About me" section: a signed-in person's own self-declarations.

Special-category data, so: nothing is asked before explicit consent; the page shows
only the signed-in person's own answers; every write goes through `services`; no
response is cached. Declarations are read in aggregate elsewhere
(`representation.representation_report`), never per person.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import NO_ANSWER, PREFER_NOT_TO_SAY, ConsentForm, DeclarationForm
from .models import Category, Declaration, DeclarationConsent, Dimension

TEMPLATE = "communities/about_me.html"


def _dimensions():
    """Dimensions in order, each with its categories; only those with something to
    choose."""
    return (
        Dimension.objects.filter(Exists(Category.objects.filter(dimension=OuterRef("pk"))))
        .prefetch_related(
            Prefetch("categories", queryset=Category.objects.order_by("sort_order", "name"))
        )
        .order_by("sort_order", "name")
    )


def _declaration_form(request, data=None):
    """The form for the signed-in person, holding their own declarations only."""
    declarations = {
        declaration.dimension_id: declaration
        for declaration in Declaration.objects.filter(user=request.user)
    }
    return DeclarationForm(data, dimensions=_dimensions(), declarations=declarations)


def _render(request, *, consent=None, consent_form=None, form=None):
    context = {
        "consent": consent,
        "consent_form": consent_form,
        "form": form,
        "retention_days": settings.DECLARATION_RETENTION_DAYS,
        "small_cell_threshold": settings.SMALL_CELL_THRESHOLD,
        "privacy_notice_version": settings.DECLARATION_PRIVACY_NOTICE_VERSION,
    }
    if consent is None:
        context["last_withdrawn"] = (
            DeclarationConsent.objects.filter(user=request.user, withdrawn_at__isnull=False)
            .order_by("-withdrawn_at")
            .first()
        )
    return render(request, TEMPLATE, context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def about_me(request):
    """Before consent: the purpose and the consent box. After: one choice per
    dimension, saved together in one transaction."""
    consent = services.active_consent(request.user)
    if consent is None:
        if request.method == "POST":
            messages.error(
                request,
                _(
                    "Your answers were not saved because you have not agreed to how we use "
                    "them. Read the explanation below and tick the box if you agree."
                ),
            )
            return redirect("communities:about_me")
        return _render(request, consent_form=ConsentForm())

    if request.method != "POST":
        return _render(request, consent=consent, form=_declaration_form(request))

    form = _declaration_form(request, request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                for dimension, answer in form.changes():
                    if answer == NO_ANSWER:
                        services.clear_declaration(request.user, dimension)
                    elif answer == PREFER_NOT_TO_SAY:
                        services.declare(request.user, dimension, None)
                    else:
                        services.declare(request.user, dimension, answer)
        except services.ConsentRequired:
            # Withdrawn in another tab between loading and saving this form.
            messages.error(
                request,
                _(
                    "Your answers were not saved because your consent has been withdrawn. "
                    "Give your consent again if you would like to answer."
                ),
            )
            return redirect("communities:about_me")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your answers have been saved. They are only ever counted together with "
                    "everyone else's, never shown on their own."
                ),
            )
            return redirect("communities:about_me")
    return _render(request, consent=consent, form=form)


@never_cache
@login_required
@require_POST
def give_consent(request):
    """Record consent when the box is ticked; otherwise show the page with the error."""
    if services.active_consent(request.user) is not None:
        return redirect("communities:about_me")
    consent_form = ConsentForm(request.POST)
    if not consent_form.is_valid():
        return _render(request, consent_form=consent_form)
    services.give_consent(request.user)
    messages.success(
        request,
        _(
            "Thank you. You can now tell us about yourself below. Every question is "
            "optional, and you can change or remove your answers at any time."
        ),
    )
    return redirect("communities:about_me")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def withdraw_consent(request):
    """Ask for confirmation (a page of its own, so it works without JavaScript), then
    withdraw consent and delete every declaration at once."""
    consent = services.active_consent(request.user)
    if request.method == "POST":
        services.withdraw_consent(request.user)
        messages.success(
            request,
            _(
                "You have withdrawn your consent, and everything you told us about yourself "
                "has been deleted. You can give your consent again at any time."
            ),
        )
        return redirect("communities:about_me")
    if consent is None:
        messages.info(
            request, _("You have not given your consent, so there is nothing to withdraw.")
        )
        return redirect("communities:about_me")
    return render(request, "communities/about_me_withdraw.html", {"consent": consent})
