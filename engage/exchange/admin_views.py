"""The exchange in the Wagtail admin (/admin/exchange/), for city staff with two-factor
authentication (`rules.MANAGE_EXCHANGE`): export or publish packages, upload a package
from a trusted city, and the review queue of imported items (accept, accept and
replace, reject). Every action goes through `services`."""

import json

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .conf import export_enabled
from .feeds import current_packages
from .forms import DecisionForm, ExportForm, UploadForm
from .models import ImportedItem, ImportStatus, PublishedPackage
from .package import PackageError
from .registry import ExportOptions, get_kind
from .rules import MANAGE_EXCHANGE

ADMIN_NAMESPACE = "exchange_admin"
PAGE_SIZE = 100


def _require_staff(request):
    if not rules.test_rule(MANAGE_EXCHANGE, request.user):
        raise PermissionDenied


def _options(form):
    since, until = form.cleaned_data.get("since"), form.cleaned_data.get("until")
    return ExportOptions(
        since=since.isoformat() if since else "", until=until.isoformat() if until else ""
    )


@never_cache
@require_http_methods(["GET", "POST"])
def export(request):
    """Choose kinds and download a signed package, or publish them in the feed."""
    _require_staff(request)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = form.cleaned_data["kinds"]
        try:
            if "publish" in request.POST:
                services.publish(codes, user=request.user, options=_options(form))
                messages.success(request, _("Published. Other cities see it in your feed now."))
                return redirect(f"{ADMIN_NAMESPACE}:export")
            export_format = form.cleaned_data["export_format"]
            package, data = services.export_package(
                codes, user=request.user, export_format=export_format, options=_options(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            stamp = timezone.now().strftime("%Y%m%d-%H%M")
            extension, content_type = (
                ("zip", "application/zip")
                if export_format == "csv"
                else ("json", "application/json")
            )
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = (
                f'attachment; filename="exchange-{stamp}-{package["package_id"][:8]}.{extension}"'
            )
            return response
    return TemplateResponse(
        request,
        "exchange/admin/export.html",
        {
            "form": form,
            "export_enabled": export_enabled(),
            "published": current_packages(),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_POST
def withdraw(request, pk):
    _require_staff(request)
    published = get_object_or_404(PublishedPackage, pk=pk)
    services.withdraw(published, user=request.user)
    messages.success(request, _("Withdrawn: the package is no longer in your feed."))
    return redirect(f"{ADMIN_NAMESPACE}:export")


@never_cache
@require_http_methods(["GET", "POST"])
def imports(request):
    """The review queue (pending first; ?status= for the others) and the upload form."""
    _require_staff(request)
    status = request.GET.get("status", ImportStatus.PENDING)
    if status not in ImportStatus.values and status != "all":
        status = ImportStatus.PENDING
    items = ImportedItem.objects.select_related("origin")
    if status != "all":
        items = items.filter(status=status)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        city = form.cleaned_data["city"]
        upload = form.cleaned_data["package"]
        try:
            result = services.stage_package(
                upload.read(), city, user=request.user, source=upload.name
            )
        except PackageError as error:
            form.add_error("package", error)
        else:
            messages.success(
                request,
                _("%(staged)s item(s) staged for review; %(unchanged)s already known.")
                % {"staged": len(result.staged), "unchanged": result.unchanged},
            )
            return redirect(f"{ADMIN_NAMESPACE}:imports")
    return TemplateResponse(
        request,
        "exchange/admin/imports.html",
        {
            "items": items[:PAGE_SIZE],
            "status": status,
            "statuses": [*ImportStatus.choices, ("all", _("All"))],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def item(request, pk):
    """One imported item: what it is, where it came from, what it collides with, and
    the decision."""
    _require_staff(request)
    imported = get_object_or_404(ImportedItem.objects.select_related("origin"), pk=pk)
    kind = get_kind(imported.kind)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == DecisionForm.REJECT:
                services.reject(imported, user=request.user, note=note)
                messages.success(request, _("Rejected. It will not be used."))
            else:
                services.accept(
                    imported, user=request.user, note=note, replace=decision == DecisionForm.REPLACE
                )
                messages.success(request, _("Accepted."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{ADMIN_NAMESPACE}:imports")
    local = (
        kind.find_local(imported.payload)
        if kind and imported.status == ImportStatus.PENDING
        else None
    )
    return TemplateResponse(
        request,
        "exchange/admin/item.html",
        {
            "item": imported,
            "kind": kind,
            "form": form,
            "local": local,
            "may_replace": bool(kind and kind.replace and local is not None),
            "payload": json.dumps(imported.payload, indent=2, ensure_ascii=False),
            "provenance": imported.provenance,
            "pending": imported.status == ImportStatus.PENDING,
        },
        status=400 if form.errors else 200,
    )
