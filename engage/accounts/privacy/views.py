"""The people's rights pages (thin: `exports` and `deletion` do the work, `rules.py`
decides). Everything works without JavaScript: plain forms that post and redirect.

- /<lang>/privacy/: the privacy notice, generated from settings and the registry;
- /<lang>/accounts/privacy/: download my data, delete my account (signed in);
- /<lang>/accounts/privacy/delete/confirm|cancel/<token>/: the emailed links (the token
  is the credential; the page asks for a click, so mail scanners change nothing).
"""

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engage.accounts.models import PersonalDataExport, PersonalDataExportStatus

from . import bases, deletion, exports, registry, retention
from .forms import DeletionRequestForm


def _require_own_data(request):
    if not rules.test_rule("accounts.manage_own_data", request.user):
        raise PermissionDenied


@require_GET
def notice(request):
    """The privacy notice: who is responsible, why and on which basis data is used, how
    long it is kept, who processes it, and people's rights."""
    rules_list = [
        {
            "label": rule.label,
            "holds": rule.holds,
            "lawful_basis": rule.lawful_basis,
            "days": retention.period_days(rule),
            "action": rule.action,
        }
        for rule in registry.retention_rules()
    ]
    context = {
        "controller_name": settings.PRIVACY_CONTROLLER_NAME,
        "controller_contact": settings.PRIVACY_CONTROLLER_CONTACT,
        "controller_address": settings.PRIVACY_CONTROLLER_ADDRESS,
        "dpo_contact": settings.PRIVACY_DPO_CONTACT,
        "notice_version": settings.PRIVACY_NOTICE_VERSION,
        "purposes": bases.PURPOSES,
        "retention_rules": rules_list,
        "processors": settings.PRIVACY_PROCESSORS,
        "declaration_retention_days": settings.DECLARATION_RETENTION_DAYS,
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        "export_link_hours": settings.EXPORT_LINK_HOURS,
        "small_cell": settings.SMALL_CELL_THRESHOLD,
    }
    return render(request, "account/privacy/notice.html", context)


@never_cache
@login_required
@require_GET
def overview(request):
    """Download my data and delete my account, with the state of earlier requests."""
    _require_own_data(request)
    return _overview(request, DeletionRequestForm(user=request.user))


def _overview(request, form, status=200):
    context = {
        "downloads": PersonalDataExport.objects.filter(user=request.user)[:5],
        "open_deletion": deletion.open_deletion(request.user),
        "form": form,
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        "confirm_hours": settings.ACCOUNT_DELETION_CONFIRM_HOURS,
        "link_hours": settings.PRIVACY_EXPORT_LINK_HOURS,
        "statuses": PersonalDataExportStatus,
    }
    return render(request, "account/privacy/overview.html", context, status=status)


@never_cache
@login_required
@require_POST
def download(request):
    """Small accounts get their file now; larger ones get a background job."""
    _require_own_data(request)
    if exports.is_direct(request.user):
        document = exports.direct_download(request.user)
        response = HttpResponse(document, content_type=exports.CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="engage-my-data.json"'
        response["Cache-Control"] = "no-store"
        return response
    exports.start_download(request.user)
    messages.success(
        request,
        _(
            "Your file is being prepared. Reload this page in a few minutes: a download "
            "link will appear below."
        ),
    )
    return redirect("privacy:overview")


@never_cache
@login_required
@require_GET
def download_file(request, job_id):
    """A background-built file: only for its owner (404 for anyone else), audited."""
    job = get_object_or_404(PersonalDataExport, pk=job_id)
    if not rules.test_rule("accounts.download_personal_data", request.user, job):
        raise Http404
    try:
        return exports.download_response(request.user, job)
    except exports.DownloadUnavailable as problem:
        if problem.status == PersonalDataExportStatus.EXPIRED:
            message = _("This download link has expired. Ask for a new file below.")
        elif problem.status == PersonalDataExportStatus.FAILED:
            message = _("We could not prepare this file. Ask for a new one below.")
        else:
            message = _("This file is not ready yet. Reload this page in a few minutes.")
        messages.error(request, message)
        return redirect("privacy:overview")


@never_cache
@login_required
@require_POST
def request_deletion(request):
    """Ask for the account to be deleted: a confirmation email goes out."""
    _require_own_data(request)
    form = DeletionRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        return _overview(request, form, status=400)
    try:
        deletion.request_deletion(request.user, form.keep_content)
    except ValidationError as error:
        form.add_error(None, error)
        return _overview(request, form, status=409)
    messages.success(
        request,
        _(
            "We have sent you an email. Open the link in it within %(hours)s hours to "
            "confirm that you want your account deleted."
        )
        % {"hours": settings.ACCOUNT_DELETION_CONFIRM_HOURS},
    )
    return redirect("privacy:overview")


@never_cache
@login_required
@require_POST
def cancel_own_deletion(request):
    """Cancel one's own open request from the signed-in page."""
    current = deletion.open_deletion(request.user)
    if current is not None:
        deletion.cancel_deletion(current)
        messages.success(request, _("Your account will not be deleted."))
    return redirect("privacy:overview")


def _token_page(request, token, template, action):
    item = deletion.deletion_for_token(token)
    if item is None:
        return render(
            request,
            "account/privacy/link_invalid.html",
            {"message": deletion.LINK_NOT_VALID},
            status=404,
        )
    if request.method == "POST":
        try:
            item = action(item)
        except ValidationError:
            return render(
                request,
                "account/privacy/link_invalid.html",
                {"message": deletion.LINK_NOT_VALID},
                status=409,
            )
        return render(request, template, {"deletion": item, "done": True})
    context = {"deletion": item, "done": False, "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS}
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_deletion(request, token):
    """The emailed confirmation link: a page with a button that schedules the deletion."""
    return _token_page(
        request,
        token,
        "account/privacy/deletion_confirm.html",
        lambda item: deletion.confirm_deletion(item.token),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_deletion(request, token):
    """The emailed cancel link: a page with a button that cancels the deletion."""
    return _token_page(
        request, token, "account/privacy/deletion_cancel.html", deletion.cancel_deletion
    )
