"""Residents' reports of content, and finding the content a report is about.

A report opens (or joins) the content's queue item; when
settings.MODERATION_HIDE_AFTER_REPORTS different people have reported published
content, it is hidden (`AutoHideAction`) until a moderator decides.
"""

from collections import Counter

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .. import registry
from ..content import ContentStatus
from ..models import QueueSource, Report, ReportReason
from .actions import AutoHideAction
from .common import NOTE_MAX_LENGTH, content_type_of
from .queue_items import open_item


def _not_found():
    return ValidationError(
        _(
            "We could not find what you tried to report. It may have been deleted. "
            "Please go back and reload the page."
        ),
        code="not_found",
    )


def find_content(kind, pk):
    """The content of `kind` with primary key `pk`; ValidationError "not_found" otherwise."""
    try:
        model = registry.get_kind(kind)
    except LookupError:
        model = None
    instance = None
    if model is not None:
        try:
            instance = model._default_manager.filter(pk=int(pk)).first()
        except (TypeError, ValueError):
            instance = None
    if instance is None:
        raise _not_found()
    return instance


def _reported_content_problem(user, instance):
    """The ValidationError a report of `instance` meets in its state, or None."""
    if instance.status in (ContentStatus.REMOVED, ContentStatus.WITHDRAWN):
        return ValidationError(
            _(
                "This has already been removed, so there is nothing left to report. "
                "Thank you for looking out for others."
            ),
            code="removed",
        )
    if instance.status in (ContentStatus.PENDING, ContentStatus.HIDDEN):
        # Residents cannot see pending or hidden content that is not theirs: it does not
        # exist for them (the report page would otherwise show its text).
        return _not_found()
    return None


def _check_report(user, instance, reason, note):
    if user is not None and user.is_authenticated and instance.author_id == user.pk:
        raise ValidationError(
            _(
                "This is your own contribution, so you cannot report it. You can edit or "
                "withdraw it instead."
            ),
            code="own_content",
        )
    if not rules.test_rule("moderation.report", user, instance):
        raise PermissionDenied(_("Please log in with a verified account to report content."))
    if reason not in ReportReason.values:
        raise ValidationError(
            _("Please choose why you are reporting this from the list."), code="bad_reason"
        )
    if reason == ReportReason.OTHER and not note:
        raise ValidationError(
            _("Please tell us in a few words what is wrong with it."), code="note_required"
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Your note is %(length)s characters long. Please keep it to %(limit)s or fewer."),
            code="note_too_long",
            params={"length": len(note), "limit": NOTE_MAX_LENGTH},
        )


def report_content(user, instance, reason, note=""):
    """`user` reports `instance` for `reason` (a ReportReason), with a note for "other".

    Returns the Report. A second report of the same content by the same person is not
    an error: the first report is returned with `already_reported = True`, unchanged.
    Raises ValidationError (codes "not_found", "removed", "own_content", "bad_reason",
    "note_required", "note_too_long") or PermissionDenied (not a verified resident).
    When settings.MODERATION_HIDE_AFTER_REPORTS different people have reported published
    content, it is hidden until a moderator decides.
    """
    if instance is None:
        raise _not_found()
    note = (note or "").strip()
    _check_report(user, instance, reason, note)
    content_type = content_type_of(instance)
    existing = Report.objects.filter(
        reporter=user, content_type=content_type, object_id=instance.pk
    ).first()
    if existing is not None:
        existing.already_reported = True
        return existing
    model = type(instance)
    with transaction.atomic():
        # Lock the content row so concurrent reports count one after another.
        locked = model._default_manager.select_for_update().filter(pk=instance.pk).first()
        if locked is None:
            raise _not_found()
        problem = _reported_content_problem(user, locked)
        if problem is not None:
            raise problem
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    reporter=user,
                    content_type=content_type,
                    object_id=locked.pk,
                    reason=reason,
                    note=note,
                )
        except IntegrityError:
            report = Report.objects.get(
                reporter=user, content_type=content_type, object_id=locked.pk
            )
            report.already_reported = True
            return report
        item, _created = open_item(locked, QueueSource.REPORTED)
        report.queue_item = item
        report.save(update_fields=["queue_item"])
        reasons = Counter(item.reports.values_list("reason", flat=True))
        item.report_count = sum(reasons.values())
        item.report_reason = reasons.most_common(1)[0][0]
        item.save(update_fields=["report_count", "report_reason"])
        if (
            locked.status == ContentStatus.PUBLISHED
            and item.report_count >= settings.MODERATION_HIDE_AFTER_REPORTS
        ):
            AutoHideAction(None, locked, item=item, reason=_auto_hide_reason(item)).execute()
    report.already_reported = False
    return report


def _auto_hide_reason(item):
    return str(
        _("Hidden automatically after %(count)s reports, until a moderator decides.")
        % {"count": item.report_count}
    )
