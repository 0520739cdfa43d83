"""The moderation workspace in the Wagtail admin, /admin/moderation/ (moderators only).

- the queue: filters (reason, why it is here, age, place, language, kind), oldest
  first, checkboxes and one bulk decision for spam waves; plain links and forms, so
  everything works from the keyboard and without JavaScript;
- an item: the content, its reports, its history, the author's notes and record, and
  the decision form;
- an account: profile, notes (moderators only), history, warn / suspend / ban;
- appeals: open ones, each decided by a moderator who did not take the decision;
- the dashboard: queue health.

Every view asks `rules` (`moderation.view_queue`); every write calls `services`.
"""

import logging

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import queue, registry, services
from .forms import ActionForm, AppealDecisionForm, BulkActionForm, NoteForm
from .models import (
    ACCOUNT_ACTIONS,
    AccountNote,
    ActionKind,
    Appeal,
    ModerationAction,
    ModerationProfile,
    QueueItem,
    Report,
    ReportReason,
)

ADMIN_NAMESPACE = "engage_moderation"
logger = logging.getLogger("engage.moderation")


def _require_moderator(request):
    if not rules.test_rule("moderation.view_queue", request.user):
        raise PermissionDenied


def _url(name, *args):
    return reverse(f"{ADMIN_NAMESPACE}:{name}", args=args)


@never_cache
def queue_view(request):
    """The open queue, filtered, oldest first, with a bulk decision form."""
    _require_moderator(request)
    filters = queue.QueueFilters.from_query(request.GET)
    page = queue.queue_page(filters, request.GET.get("page"))
    return TemplateResponse(
        request,
        "moderation/admin/queue.html",
        {
            "page_obj": page,
            "items": page.object_list,
            "filters": filters,
            "filter_query": filters.as_query(),
            "reason_choices": ReportReason.choices,
            "source_choices": queue.SOURCE_CHOICES,
            "age_choices": queue.AGE_CHOICES,
            "scope_choices": queue.scope_choices(),
            "language_choices": settings.LANGUAGES,
            "kind_choices": registry.kinds(),
            "bulk_form": BulkActionForm(),
        },
    )


@never_cache
@require_POST
def bulk_view(request):
    """One decision on every ticked item (spam waves)."""
    _require_moderator(request)
    ids = [int(value) for value in request.POST.getlist("items") if value.isdigit()]
    form = BulkActionForm(request.POST)
    back = _url("queue") + ("?" + request.POST["filters"] if request.POST.get("filters") else "")
    if not ids:
        messages.error(request, _("Please tick the items you want to decide on."))
        return redirect(back)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, error)
        return redirect(back)
    items = queue.attach_content(list(QueueItem.objects.open().filter(pk__in=ids)))
    targets = [item.current for item in items if item.current is not None]
    kwargs = form.service_kwargs()
    kwargs.pop("redacted_text", None)
    try:
        result = services.bulk_moderate(
            request.user, targets, form.cleaned_data["action"], **kwargs
        )
    except OperationalError:
        # SQLite (the demo) gives up after its busy timeout while another process
        # writes; the transaction was rolled back as a whole.
        logger.warning("Bulk moderation: the database was busy", exc_info=True)
        messages.error(
            request,
            _("Nothing was changed because the database was busy. Please try again in a moment."),
        )
        return redirect(back)
    if result.done:
        messages.success(
            request,
            ngettext("%(count)s item decided.", "%(count)s items decided.", len(result.done))
            % {"count": len(result.done)},
        )
    if result.failed:
        messages.error(
            request,
            ngettext(
                "Nothing was changed: %(count)s of the ticked items could not be decided "
                "(reason below). Untick it or decide it on its own, then try again.",
                "Nothing was changed: %(count)s of the ticked items could not be decided "
                "(reasons below). Untick them or decide them on their own, then try again.",
                len(result.failed),
            )
            % {"count": len(result.failed)},
        )
    for _item, error in result.failed:
        messages.error(request, getattr(error, "messages", [str(error)])[0])
    missing = len(ids) - len(targets)
    if missing:
        messages.warning(
            request,
            ngettext(
                "%(count)s item was already decided or no longer exists.",
                "%(count)s items were already decided or no longer exist.",
                missing,
            )
            % {"count": missing},
        )
    return redirect(back)


def _history(content_type, object_id):
    return (
        ModerationAction.objects.filter(content_type=content_type, object_id=object_id)
        .select_related("moderator")
        .order_by("-created_at", "-pk")
    )


@never_cache
def item_view(request, pk):
    """One queue item: the content as it is now, reports, history, notes, the decision."""
    _require_moderator(request)
    item = get_object_or_404(QueueItem.objects.select_related("author", "decided_by"), pk=pk)
    queue.attach_content([item])
    content = item.current
    own = content is not None and content.author_id == request.user.pk
    if request.method == "POST":
        form = ActionForm(request.POST)
        if content is None:
            form.add_error(None, _("This content no longer exists. Please reload the queue."))
        elif form.is_valid():
            try:
                services.moderate(
                    request.user, content, form.cleaned_data["action"], **form.service_kwargs()
                )
            except ValidationError as error:
                form.add_service_error(error)
            except PermissionDenied:
                form.add_error(None, _("You may not moderate this."))
            else:
                messages.success(request, _("Decision recorded."))
                next_item = QueueItem.objects.open().oldest_first().exclude(pk=item.pk).first()
                return redirect(_url("item", next_item.pk) if next_item else _url("queue"))
    else:
        form = ActionForm(initial={"redacted_text": getattr(content, "body_text", "")})
    return TemplateResponse(
        request,
        "moderation/admin/item.html",
        {
            "item": item,
            "content": content,
            "own": own,
            "form": form,
            "reports": Report.objects.filter(
                content_type_id=item.content_type_id, object_id=item.object_id
            )
            .order_by("created_at")
            .only("reason", "note", "created_at"),
            "history": _history(item.content_type_id, item.object_id),
            "notes": AccountNote.objects.filter(account_id=item.author_id).select_related("author")[
                :20
            ]
            if item.author_id
            else [],
            "profile": ModerationProfile.objects.filter(user_id=item.author_id).first(),
        },
        status=400 if form.errors else 200,
    )


@never_cache
def account_view(request, user_id):
    """An account as moderators see it: record, notes, history, account actions."""
    _require_moderator(request)
    account = get_object_or_404(get_user_model(), pk=user_id)
    note_form = NoteForm()
    action_form = ActionForm()
    action_form.fields["action"].choices = [
        (value, ActionKind(value).label) for value in ACCOUNT_ACTIONS
    ]
    if request.method == "POST":
        if "note" in request.POST:
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                try:
                    services.add_note(request.user, account, note_form.cleaned_data["text"])
                except ValidationError as error:
                    note_form.add_service_error(error)
                else:
                    messages.success(request, _("Note saved."))
                    return redirect(_url("account", account.pk))
        else:
            action_form = ActionForm(request.POST)
            action_form.fields["action"].choices = [
                (value, ActionKind(value).label) for value in ACCOUNT_ACTIONS
            ]
            if action_form.is_valid():
                try:
                    services.moderate(
                        request.user,
                        account,
                        action_form.cleaned_data["action"],
                        **action_form.service_kwargs(),
                    )
                except ValidationError as error:
                    action_form.add_service_error(error)
                except PermissionDenied:
                    action_form.add_error(None, _("You may not moderate this account."))
                else:
                    messages.success(request, _("Decision recorded."))
                    return redirect(_url("account", account.pk))
    return TemplateResponse(
        request,
        "moderation/admin/account.html",
        {
            "account": account,
            "own": account.pk == request.user.pk,
            "profile": ModerationProfile.objects.filter(user=account).first(),
            "notes": AccountNote.objects.filter(account=account).select_related("author"),
            "history": ModerationAction.objects.filter(account=account)
            .select_related("moderator")
            .order_by("-created_at", "-pk")[:50],
            "note_form": note_form,
            "action_form": action_form,
        },
        status=400 if note_form.errors or action_form.errors else 200,
    )


@never_cache
def appeals_view(request):
    """Open appeals, oldest first, then the latest decided ones."""
    _require_moderator(request)
    related = ("action__moderator", "appellant", "decided_by")
    return TemplateResponse(
        request,
        "moderation/admin/appeals.html",
        {
            "open_appeals": Appeal.objects.open().select_related(*related),
            "decided_appeals": Appeal.objects.filter(decided_at__isnull=False)
            .select_related(*related)
            .order_by("-decided_at")[:50],
        },
    )


@never_cache
def appeal_view(request, pk):
    """One appeal and the decision form (for a moderator who did not take the decision)."""
    _require_moderator(request)
    appeal = get_object_or_404(
        Appeal.objects.select_related("action__moderator", "appellant", "decided_by"), pk=pk
    )
    may_decide = rules.test_rule("moderation.decide_appeal", request.user, appeal)
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.decide_appeal(
                    request.user, appeal, form.cleaned_data["uphold"], form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Appeal decided. The person has been emailed."))
                return redirect(_url("appeals"))
    action = appeal.action
    content = None
    if action.content_type_id:
        model = ContentType.objects.get_for_id(action.content_type_id).model_class()
        content = model._default_manager.filter(pk=action.object_id).first()
    return TemplateResponse(
        request,
        "moderation/admin/appeal.html",
        {
            "appeal": appeal,
            "action": action,
            "content": content,
            "form": form,
            "may_decide": may_decide,
        },
        status=400 if form.errors else 200,
    )


@never_cache
def dashboard_view(request):
    """Queue health: median time to decision, open items by age."""
    _require_moderator(request)
    health = queue.queue_health()
    return TemplateResponse(request, "moderation/admin/dashboard.html", {"health": health})
