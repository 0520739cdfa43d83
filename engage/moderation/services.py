"""Writes of moderation: reports, the queue, moderators' actions, sanctions, appeals, notes.

Content services (consultations, forums) call three of these around their own writes:

    check_can_post(user)                       # suspended or banned: ValidationError
    status = initial_status(user, pre_moderated=...)
    ... create the item with `status` ...
    content_created(item)                      # inside the same transaction

Moderators' decisions go through `moderate()` (and `bulk_moderate()`), which checks
`rules`, validates the transition, changes the content, closes its queue item and writes
one append-only `ModerationAction` with the text and status before and after, all in one
transaction. After commit it sends `signals.content_moderated` (live pages) and emails
the author in their language with a link to appeal.

The state machine (content actions):

    approve   pending | hidden → published; published with an open queue item → published
    hide      pending | published → hidden; hidden with an open queue item → hidden
    remove    pending | published | hidden → removed
    redact    pending | published | hidden → same status, text edited

`removed` is final for moderators: no action of `moderate()` or report makes removed
content visible again. Only an appeal, decided by a different moderator, can reverse a
removal (`decide_appeal(uphold=False)`), and that too is written to the audit trail.
Withdrawn content belongs to its author and is not moderated.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field

import rules
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import is_city_staff, is_moderator

from . import registry
from .content import ContentStatus
from .models import (
    ACCOUNT_ACTIONS,
    CONTENT_ACTIONS,
    MODERATOR_ACTIONS,
    AccountNote,
    ActionKind,
    Appeal,
    ModerationAction,
    ModerationProfile,
    QueueItem,
    QueueSource,
    Report,
    ReportReason,
)
from .signals import content_moderated

NOTE_MAX_LENGTH = 1000
APPEAL_MAX_LENGTH = 2000
EXCERPT_LENGTH = 300
MAX_SUSPEND_DAYS = 365
# QueueItem.decision when the author withdrew the content before a moderator decided.
WITHDRAWN_DECISION = "withdrawn"

logger = logging.getLogger(__name__)

# Statuses from which an action leads where (see the module docstring).
_TRANSITIONS = {
    ActionKind.APPROVE: {
        ContentStatus.PENDING: ContentStatus.PUBLISHED,
        ContentStatus.HIDDEN: ContentStatus.PUBLISHED,
        ContentStatus.PUBLISHED: ContentStatus.PUBLISHED,
    },
    ActionKind.HIDE: {
        ContentStatus.PENDING: ContentStatus.HIDDEN,
        ContentStatus.PUBLISHED: ContentStatus.HIDDEN,
        ContentStatus.HIDDEN: ContentStatus.HIDDEN,
    },
    ActionKind.REMOVE: {
        ContentStatus.PENDING: ContentStatus.REMOVED,
        ContentStatus.PUBLISHED: ContentStatus.REMOVED,
        ContentStatus.HIDDEN: ContentStatus.REMOVED,
    },
    ActionKind.REDACT: {
        ContentStatus.PENDING: ContentStatus.PENDING,
        ContentStatus.PUBLISHED: ContentStatus.PUBLISHED,
        ContentStatus.HIDDEN: ContentStatus.HIDDEN,
    },
}

# Approving what is already published, or hiding what is already hidden, only makes
# sense as a decision on an open queue item (dismissing reports, confirming a hide).
_NEEDS_OPEN_ITEM = {
    (ActionKind.APPROVE, ContentStatus.PUBLISHED),
    (ActionKind.HIDE, ContentStatus.HIDDEN),
}

# The author is told about these, with a link to appeal.
_NOTIFIED_ACTIONS = (
    ActionKind.HIDE,
    ActionKind.REMOVE,
    ActionKind.REDACT,
    ActionKind.WARN,
    ActionKind.SUSPEND,
    ActionKind.BAN,
)

# Why a moderator's reason is needed for the author.
_PUBLIC_REASON_REQUIRED = (
    ActionKind.HIDE,
    ActionKind.REMOVE,
    ActionKind.WARN,
    ActionKind.SUSPEND,
    ActionKind.BAN,
)


def _content_type(instance):
    return ContentType.objects.get_for_model(instance)


def _profile(user, *, lock=False):
    profile, _created = ModerationProfile.objects.get_or_create(user=user)
    if lock:
        profile = ModerationProfile.objects.select_for_update().get(pk=profile.pk)
    return profile


def _when(moment):
    """A moment as the reader's local date and time, in the active language."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# Posting


def check_can_post(user):
    """None when `user` may write content; ValidationError (code "banned" or
    "suspended", the message giving the end of the suspension) when they may not."""
    if user is None or not user.is_authenticated:
        return None
    profile = ModerationProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    if profile.is_banned:
        raise ValidationError(
            _(
                "Your account has been banned by the moderators, so you can no longer "
                "post. If you think this is a mistake, you can appeal from the email we sent you."
            ),
            code="banned",
        )
    if profile.is_suspended():
        raise ValidationError(
            _(
                "Your account is suspended until %(until)s, so you cannot post until then. "
                "You can still read everything."
            ),
            code="suspended",
            params={"until": _when(profile.suspended_until)},
        )
    return None


def initial_status(user, *, pre_moderated):
    """The status new content by `user` starts with.

    Moderators and city staff publish at once. Otherwise content waits for a moderator
    when the place is pre-moderated or when `user` has fewer than
    settings.MODERATION_TRUSTED_AFTER published contributions.
    """
    if is_moderator(user) or is_city_staff(user):
        return ContentStatus.PUBLISHED
    if pre_moderated:
        return ContentStatus.PENDING
    trusted_after = settings.MODERATION_TRUSTED_AFTER
    if trusted_after <= 0:
        return ContentStatus.PUBLISHED
    approved = (
        ModerationProfile.objects.filter(user=user).values_list("approved_count", flat=True).first()
        or 0
    )
    return ContentStatus.PUBLISHED if approved >= trusted_after else ContentStatus.PENDING


def _open_item(instance, source, *, lock=True):
    """The open queue item of `instance`, created (with `source`) when there is none."""
    content_type = _content_type(instance)
    items = QueueItem.objects.filter(
        content_type=content_type, object_id=instance.pk, decided_at__isnull=True
    )
    if lock:
        items = items.select_for_update()
    item = items.first()
    if item is not None:
        return item, False
    scope, title, url = registry.place_of(instance)
    try:
        with transaction.atomic():
            item = QueueItem.objects.create(
                content_type=content_type,
                object_id=instance.pk,
                kind=registry.kind_of(instance),
                scope=scope,
                place_title=title[:255],
                url=url[:500],
                language=instance.language or "",
                author_id=instance.author_id,
                excerpt=(instance.body_text or "")[:EXCERPT_LENGTH],
                source=source,
                content_created_at=instance.created_at,
            )
    except IntegrityError:
        # Someone opened it at the same moment: use theirs.
        item = QueueItem.objects.select_for_update().get(
            content_type=content_type, object_id=instance.pk, decided_at__isnull=True
        )
        return item, False
    return item, True


def content_created(instance):
    """Call right after creating resident content, inside the same transaction.

    Counts the contribution (published ones count towards being trusted) and puts
    pending content in the moderation queue.
    """
    if instance.author_id is not None:
        _profile(instance.author)
        updates = {"contribution_count": F("contribution_count") + 1}
        if instance.status == ContentStatus.PUBLISHED:
            updates["approved_count"] = F("approved_count") + 1
        ModerationProfile.objects.filter(user_id=instance.author_id).update(**updates)
    if instance.status == ContentStatus.PENDING:
        _open_item(instance, QueueSource.PRE_MODERATION, lock=False)


def content_edited(instance):
    """Call after an author edits their content: the open queue item shows the new text."""
    QueueItem.objects.for_content(instance).open().update(
        excerpt=(instance.body_text or "")[:EXCERPT_LENGTH], language=instance.language or ""
    )


def content_withdrawn(instance):
    """Call after an author withdraws their content, inside the same transaction.

    Withdrawn content is not moderated, so its open queue item is closed (decision
    "withdrawn") and its excerpt blanked: the text the author deleted must not linger.
    """
    QueueItem.objects.for_content(instance).open().update(
        excerpt="", decided_at=timezone.now(), decided_by=None, decision=WITHDRAWN_DECISION
    )


# Reports


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
    content_type = _content_type(instance)
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
        item, _created = _open_item(locked, QueueSource.REPORTED)
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
            _apply(None, locked, ActionKind.AUTO_HIDE, item=item, reason=_auto_hide_reason(item))
    report.already_reported = False
    return report


def _auto_hide_reason(item):
    return str(
        _("Hidden automatically after %(count)s reports, until a moderator decides.")
        % {"count": item.report_count}
    )


def flag_content(instance, reason, note=""):
    """Put `instance` in the queue because analysis flagged it (insights), without
    hiding it. Returns the open QueueItem."""
    with transaction.atomic():
        item, _created = _open_item(instance, QueueSource.FLAGGED)
        if not item.report_reason and reason in ReportReason.values:
            item.report_reason = reason
            item.save(update_fields=["report_reason"])
    return item


# Moderators' actions


@dataclass
class BulkResult:
    """What `bulk_moderate` did: the actions taken, and (item, error) for the items that
    could not be decided. Bulk decisions are all or nothing: when `failed` is not empty,
    `done` is empty and `undone` counts the items whose decision was rolled back."""

    done: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    undone: int = 0


def _account_of(instance):
    """The account an action on `instance` affects: the author, or the account itself."""
    if registry.is_registered(instance):
        return instance.author
    return instance


def _refuse_own(moderator, instance):
    if rules.test_rule("moderation.act", moderator, instance):
        return
    from .rules import is_own

    if is_own(moderator, instance):
        raise ValidationError(
            _(
                "This is your own contribution or account, so another moderator has to "
                "decide on it."
            ),
            code="own_content",
        )
    raise PermissionDenied(_("Only moderators with two-factor authentication can do this."))


def _check_text_change(instance, redacted_text):
    from .text import clean_comment_text

    if redacted_text is None or not str(redacted_text).strip():
        raise ValidationError(
            _("Please give the text with the personal data taken out."), code="redacted_required"
        )
    if str(redacted_text) == instance.body_text:
        raise ValidationError(
            _("The redacted text is the same as the original. Please edit out the personal data."),
            code="redacted_unchanged",
        )
    return clean_comment_text(str(redacted_text))


def moderate(
    moderator,
    instance,
    action,
    *,
    reason="",
    public_reason="",
    redacted_text=None,
    suspend_days=None,
):
    """`moderator` takes `action` (an ActionKind value) on content `instance` (or, for
    warn, suspend and ban, on an account or the author of `instance`).

    Returns the ModerationAction written to the audit trail. Raises ValidationError with
    a translated message (codes: "bad_action", "removed", "withdrawn", "own_content",
    "not_found", "nothing_to_do", "public_reason_required", "redacted_required",
    "suspend_days", "no_author", and text errors for redactions) or PermissionDenied.
    """
    if action not in MODERATOR_ACTIONS:
        raise ValidationError(
            _("Please choose one of the moderation actions from the list."), code="bad_action"
        )
    _refuse_own(moderator, instance)
    reason = (reason or "").strip()
    public_reason = (public_reason or "").strip()
    if action in _PUBLIC_REASON_REQUIRED and not public_reason:
        raise ValidationError(
            _("Please write the reason the author will be given."), code="public_reason_required"
        )
    days = None
    if action == ActionKind.SUSPEND:
        try:
            days = int(suspend_days)
        except (TypeError, ValueError):
            days = 0
        if not 1 <= days <= MAX_SUSPEND_DAYS:
            raise ValidationError(
                _("Please give a suspension of between 1 and %(max)s days."),
                code="suspend_days",
                params={"max": MAX_SUSPEND_DAYS},
            )
    with transaction.atomic():
        if registry.is_registered(instance):
            locked = type(instance)._default_manager.select_for_update().filter(pk=instance.pk)
            locked = locked.first()
            if locked is None:
                raise ValidationError(
                    _("This content no longer exists. Please reload the queue."), code="not_found"
                )
            instance = locked
        return _apply(
            moderator,
            instance,
            action,
            reason=reason,
            public_reason=public_reason,
            redacted_text=redacted_text,
            suspend_days=days,
        )


def _apply(
    moderator,
    instance,
    action,
    *,
    item=None,
    reason="",
    public_reason="",
    redacted_text=None,
    suspend_days=None,
):
    """Do `action` inside the caller's transaction (instance locked); write the audit."""
    is_content = registry.is_registered(instance)
    account = _account_of(instance)
    old_status = new_status = instance.status if is_content else ""
    before = after = instance.body_text if is_content else ""
    suspended_until = None

    if is_content and item is None:
        item = QueueItem.objects.for_content(instance).open().select_for_update().first()

    if action in ACCOUNT_ACTIONS:
        if account is None:
            raise ValidationError(
                _("This content has no author account any more, so there is nobody to act on."),
                code="no_author",
            )
        profile = _profile(account, lock=True)
        if action == ActionKind.WARN:
            profile.warning_count += 1
        elif action == ActionKind.SUSPEND:
            suspended_until = timezone.now() + datetime.timedelta(days=suspend_days)
            profile.suspended_until = suspended_until
        elif action == ActionKind.BAN:
            profile.banned_at = profile.banned_at or timezone.now()
        profile.save()
    elif action == ActionKind.AUTO_HIDE:
        new_status = ContentStatus.HIDDEN
    else:
        if instance.status == ContentStatus.REMOVED:
            raise ValidationError(
                _(
                    "This content has already been removed, and removal is final. Nothing "
                    "was changed."
                ),
                code="removed",
            )
        if instance.status == ContentStatus.WITHDRAWN:
            raise ValidationError(
                _("The author has withdrawn this, so there is nothing to moderate."),
                code="withdrawn",
            )
        transitions = _TRANSITIONS[action]
        if instance.status not in transitions or (
            (action, instance.status) in _NEEDS_OPEN_ITEM and item is None
        ):
            raise ValidationError(
                _("This is already %(status)s, so there is nothing to do."),
                code="nothing_to_do",
                params={"status": ContentStatus(instance.status).label},
            )
        new_status = transitions[instance.status]
        if action == ActionKind.REDACT:
            text, html = _check_text_change(instance, redacted_text)
            instance.body_text, instance.body_html = text, html
            after = text
            registration = registry.registration_for(instance)
            if registration.purge_history is not None:
                registration.purge_history(instance)
            if not public_reason:
                public_reason = str(_("Personal data was removed from it."))

    fields = []
    if is_content and new_status != old_status:
        instance.status = new_status
        fields.append("status")
    if is_content and after != before:
        fields += ["body_text", "body_html"]
    if fields:
        instance.save(update_fields=fields)

    # A redaction of content that stays invisible is not a decision on it: the item
    # stays open so a moderator can still approve, hide or remove it.
    closes_item = action in CONTENT_ACTIONS and not (
        action == ActionKind.REDACT and new_status in (ContentStatus.PENDING, ContentStatus.HIDDEN)
    )
    scope, title, _url = registry.place_of(instance) if is_content else ("", "", "")
    entry = ModerationAction.objects.create(
        moderator=moderator,
        account=account,
        content_type=_content_type(instance) if is_content else None,
        object_id=instance.pk if is_content else None,
        kind=registry.kind_of(instance) if is_content else "",
        scope=scope,
        place_title=title[:255],
        action=action,
        reason=reason,
        public_reason=public_reason,
        before_text=before,
        after_text=after,
        old_status=old_status,
        new_status=new_status,
        suspended_until=suspended_until,
        queue_item=item,
    )
    if item is not None and action == ActionKind.REDACT:
        # The personal data taken out must not linger in the queue.
        item.excerpt = (after or "")[:EXCERPT_LENGTH]
        item.save(update_fields=["excerpt"])
    if item is not None and closes_item:
        item.decided_at = entry.created_at
        item.decided_by = moderator
        item.decision = action
        item.save(update_fields=["decided_at", "decided_by", "decision"])
    if action == ActionKind.APPROVE and old_status == ContentStatus.PENDING and account is not None:
        _profile(account)
        ModerationProfile.objects.filter(user=account).update(
            approved_count=F("approved_count") + 1
        )
    if is_content and (new_status != old_status or after != before):
        _send_after_commit(instance, entry, old_status, new_status)
    if action in _NOTIFIED_ACTIONS and account is not None:
        _email_after_commit(account, entry)
    return entry


def _send_after_commit(instance, entry, old_status, new_status):
    def send():
        # send_robust: a failing receiver (live pages) must not stop the others, nor the
        # author's email registered after this.
        results = content_moderated.send_robust(
            sender=type(instance),
            instance=instance,
            action=entry,
            old_status=old_status,
            new_status=new_status,
        )
        for receiver, response in results:
            if isinstance(response, Exception):
                logger.error(
                    "content_moderated receiver %r failed for action %s",
                    receiver,
                    entry.pk,
                    exc_info=(type(response), response, response.__traceback__),
                )

    transaction.on_commit(send)


def _email_after_commit(account, entry):
    from engage.tasks import send_email_in_language

    context = {
        "action": entry.action,
        "action_id": entry.pk,
        "public_reason": entry.public_reason,
        "place_title": entry.place_title,
        "kind": entry.kind,
        "excerpt": (entry.before_text or "")[:EXCERPT_LENGTH],
        "suspended_until": entry.suspended_until.isoformat() if entry.suspended_until else "",
        "base_url": settings.WAGTAILADMIN_BASE_URL,
    }
    transaction.on_commit(
        lambda: send_email_in_language.enqueue(
            account.pk,
            "moderation/email/action_subject.txt",
            "moderation/email/action_body.txt",
            context,
        )
    )


def resolve_items(items):
    """Content instances for a list of content instances and/or QueueItems."""
    resolved = []
    for item in items:
        if isinstance(item, QueueItem):
            content = item.content
            resolved.append((item, content))
        else:
            resolved.append((item, item))
    return resolved


def bulk_moderate(moderator, items, action, **kwargs):
    """`moderate()` every one of `items` (content instances or QueueItems) in ONE
    transaction: all or nothing.

    Every item is tried (each in a savepoint, so all the failures can be reported at
    once); if any fails, the whole transaction is rolled back, none of the decisions nor
    their after-commit steps (emails, broadcasts) happen, `done` is empty and `undone`
    says how many decisions were undone. Returns a BulkResult.
    """
    result = BulkResult()
    with transaction.atomic():
        for original, content in resolve_items(items):
            if content is None:
                gone = ValidationError(
                    _("This content no longer exists. Please reload the queue."),
                    code="not_found",
                )
                result.failed.append((original, gone))
                continue
            try:
                result.done.append(moderate(moderator, content, action, **kwargs))
            except (ValidationError, PermissionDenied) as error:
                result.failed.append((original, error))
        if result.failed:
            transaction.set_rollback(True)
            result.undone, result.done = len(result.done), []
    return result


# Appeals


def appeal(user, action, text):
    """`user` appeals `action`, which affected them. Returns the Appeal.

    ValidationError codes: "already_appealed", "text_required", "text_too_long";
    PermissionDenied when the action did not affect `user` or cannot be appealed.
    """
    if not rules.test_rule("moderation.appeal", user, action):
        raise PermissionDenied(
            _("You can only appeal moderation decisions about your own contributions.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            _("Please explain why you think the decision should change."), code="text_required"
        )
    if len(text) > APPEAL_MAX_LENGTH:
        raise ValidationError(
            _("Your appeal is %(length)s characters long. Please keep it to %(limit)s or fewer."),
            code="text_too_long",
            params={"length": len(text), "limit": APPEAL_MAX_LENGTH},
        )
    already = ValidationError(
        _(
            "You have already appealed this decision. A moderator will look at it and "
            "email you the outcome."
        ),
        code="already_appealed",
    )
    if Appeal.objects.filter(action=action).exists():
        raise already
    try:
        with transaction.atomic():
            return Appeal.objects.create(action=action, appellant=user, text=text)
    except IntegrityError:
        raise already from None


def _reverse(moderator, original, note):
    """Undo `original` (appeal decided against it); write a REVERSE audit entry."""
    account = original.account
    if original.action in ACCOUNT_ACTIONS:
        if account is not None:
            profile = _profile(account, lock=True)
            if original.action == ActionKind.SUSPEND:
                profile.suspended_until = None
            elif original.action == ActionKind.BAN:
                profile.banned_at = None
            elif original.action == ActionKind.WARN and profile.warning_count:
                profile.warning_count -= 1
            profile.save()
        return ModerationAction.objects.create(
            moderator=moderator,
            account=account,
            action=ActionKind.REVERSE,
            reason=note,
            public_reason=note,
        )
    model = original.content_type.model_class()
    instance = model._default_manager.select_for_update().filter(pk=original.object_id).first()
    if instance is None or instance.status != original.new_status:
        raise ValidationError(
            _(
                "This content has changed since the decision, so it cannot be reversed "
                "automatically. Please moderate it from the queue instead."
            ),
            code="changed_since",
        )
    before_status, before_text = instance.status, instance.body_text
    fields = []
    # Reversing a hide or removal makes the content visible again, even when it was
    # hidden before (auto-hide confirmed, or removed while hidden).
    restored = (
        ContentStatus.PUBLISHED
        if original.old_status == ContentStatus.PENDING
        or original.action in (ActionKind.HIDE, ActionKind.REMOVE)
        else original.old_status
    )
    if original.old_status and restored != instance.status:
        instance.status = restored
        fields.append("status")
    if original.action == ActionKind.REDACT:
        from .sanitise import sanitise

        instance.body_text = original.before_text
        instance.body_html = sanitise(original.before_text)
        fields += ["body_text", "body_html"]
    if fields:
        instance.save(update_fields=fields)
    scope, title, _url = registry.place_of(instance)
    entry = ModerationAction.objects.create(
        moderator=moderator,
        account=account,
        content_type=original.content_type,
        object_id=original.object_id,
        kind=original.kind,
        scope=scope,
        place_title=title[:255],
        action=ActionKind.REVERSE,
        reason=note,
        public_reason=note,
        before_text=before_text,
        after_text=instance.body_text,
        old_status=before_status,
        new_status=instance.status,
    )
    if fields:
        _send_after_commit(instance, entry, before_status, instance.status)
    return entry


def decide_appeal(moderator, appeal, uphold, note):
    """A moderator other than the one who acted decides `appeal`.

    `uphold=True`: the original decision stands. `uphold=False`: it is reversed (content
    restored, suspension or ban lifted) and the reversal is written to the audit trail.
    The appellant is emailed the outcome in their language.
    """
    if not rules.test_rule("moderation.decide_appeal", moderator, appeal):
        from .rules import made_the_appeal, took_the_action

        if took_the_action(moderator, appeal) or made_the_appeal(moderator, appeal):
            raise ValidationError(
                _(
                    "You took this decision or made this appeal, so a different moderator "
                    "has to decide it."
                ),
                code="same_moderator",
            )
        raise PermissionDenied(_("Only moderators with two-factor authentication can do this."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            _("Please explain the decision; the person who appealed will read it."),
            code="note_required",
        )
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not appeal.is_open:
            raise ValidationError(
                _("This appeal has already been decided. Nothing was changed."),
                code="already_decided",
            )
        if not uphold:
            appeal.reversal = _reverse(moderator, appeal.action, note)
        appeal.decided_by = moderator
        appeal.decided_at = timezone.now()
        appeal.upheld = bool(uphold)
        appeal.decision_note = note
        appeal.save()
        from engage.tasks import send_email_in_language

        context = {
            "upheld": appeal.upheld,
            "note": note,
            "action": appeal.action.action,
            "place_title": appeal.action.place_title,
        }
        appellant_id = appeal.appellant_id
        transaction.on_commit(
            lambda: send_email_in_language.enqueue(
                appellant_id,
                "moderation/email/appeal_subject.txt",
                "moderation/email/appeal_body.txt",
                context,
            )
        )
    return appeal


# Notes


def add_note(moderator, account, text):
    """A moderator's note on `account`, for moderators only. Returns the AccountNote."""
    if not rules.test_rule("moderation.view_notes", moderator):
        raise PermissionDenied(_("Only moderators with two-factor authentication can do this."))
    if account is not None and account.pk == moderator.pk:
        raise ValidationError(
            _("You cannot write moderation notes on your own account."), code="own_account"
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write the note before saving it."), code="text_required")
    if len(text) > APPEAL_MAX_LENGTH:
        raise ValidationError(
            _("Your note is %(length)s characters long. Please keep it to %(limit)s or fewer."),
            code="text_too_long",
            params={"length": len(text), "limit": APPEAL_MAX_LENGTH},
        )
    return AccountNote.objects.create(account=account, author=moderator, text=text)


# Settings of a discussion (forum threads: lock, pin, slow mode)

SETTING_ACTIONS = {
    "is_locked": (ActionKind.UNLOCK, ActionKind.LOCK),
    "is_pinned": (ActionKind.UNPIN, ActionKind.PIN),
}


def record_setting_changes(moderator, instance, changes):
    """Write one audit entry per changed setting of `instance` (a registered content
    object, e.g. a forum thread): `changes` maps "is_locked", "is_pinned" or
    "slow_mode_minutes" to (old, new). Unchanged settings are skipped. Call it inside the
    transaction that saves the change, so the trail and the setting never disagree.
    Returns the entries."""
    scope, title, _url = registry.place_of(instance)
    entries = []
    for setting, (old, new) in changes.items():
        if old == new:
            continue
        if setting in SETTING_ACTIONS:
            action = SETTING_ACTIONS[setting][bool(new)]
            before, after = "", ""
        else:
            action = ActionKind.SLOW_MODE
            before, after = _minutes(old), _minutes(new)
        entries.append(
            ModerationAction.objects.create(
                moderator=moderator,
                account=getattr(instance, "author", None),
                content_type=_content_type(instance),
                object_id=instance.pk,
                kind=registry.kind_of(instance),
                scope=scope,
                place_title=title[:255],
                action=action,
                before_text=before,
                after_text=after,
                old_status=instance.status,
                new_status=instance.status,
            )
        )
    return entries


def _minutes(value):
    """Slow mode as the audit trail shows it: "off" or "10 minutes" (site language)."""
    from django.utils.translation import gettext, ngettext

    value = int(value or 0)
    if not value:
        return gettext("off")
    return ngettext("%(count)s minute", "%(count)s minutes", value) % {"count": value}
