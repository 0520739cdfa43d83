"""Import and export of the glossary in the Wagtail admin (/admin/glossary/transfer/):
CSV, SKOS Turtle and SKOS JSON-LD. City staff with two-factor authentication
(`glossary.manage`). Imports never overwrite a local term: conflicts are listed with
what to do."""

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import interchange
from .forms import ImportForm
from .models import AuditEntry
from .services.common import audit

ADMIN_NAMESPACE = "glossary_admin"
MAX_UPLOAD = 5 * 1024 * 1024


def _require_manager(request):
    if not rules.test_rule("glossary.manage", request.user):
        raise PermissionDenied


@never_cache
def transfer(request):
    """The import form (POST imports) and the export links."""
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise ValidationError(
                    _("The file is larger than 5 MB: split it and import the parts.")
                )
            fmt = interchange.format_of(upload.name)
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValidationError(
                    _("The file is not UTF-8 text: save it as UTF-8 and try again.")
                ) from error
            items = interchange.read_items(text, fmt)
            report = interchange.import_items(
                items,
                by=request.user,
                keep_status=form.cleaned_data["keep_status"],
                origin={
                    "kind": "file",
                    "file": upload.name[:200],
                    "imported_at": timezone.now().isoformat(),
                },
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
    return render(
        request,
        "glossary/admin/transfer.html",
        {"form": form, "report": report, "formats": interchange.FORMATS},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def export(request, fmt):
    """The whole glossary (every status) as a download; recorded in the audit trail."""
    _require_manager(request)
    if fmt not in interchange.FORMATS:
        raise PermissionDenied
    text = interchange.export_text(fmt)
    audit(None, AuditEntry.Action.EXPORTED, user=request.user, key="*", format=fmt)
    response = HttpResponse(text, content_type=interchange.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="glossary.{fmt}"'
    return response
