"""The moderation queue, reports, the audit trail, sanctions, notes and appeals.

Content itself (comments, forum posts, claims, fact-checks) lives in its own app and is
registered with `engage.moderation.registry`; rows here point at it through a content
type and an object id, and copy what the queue needs to list it (kind, place, language,
an excerpt) so a page of the queue is a few queries however many items there are.

All writes go through `engage.moderation.services`. `ModerationAction` is the audit
trail: append-only, it refuses to be changed or deleted once written.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .content import ContentStatus


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abuse or harassment")
    HATE = "hate", _("Hate speech")
    MISINFORMATION = "misinformation", _("False or misleading information")
    OFF_TOPIC = "off_topic", _("Off-topic")
    PERSONAL_DATA = "personal_data", _("Personal data about someone")
    OTHER = "other", _("Something else")


class FlagCategory(models.TextChoices):
    """Why analysis flagged a text (the abuse vocabulary of engage.insights)."""

    DEROGATION = "derogation", _("Derogation")
    DEHUMANISATION = "dehumanisation", _("Dehumanisation")
    THREAT = "threat", _("Threat")
    SLUR = "slur", _("Slur")
    PROFANITY = "profanity", _("Profanity")
    OTHER = "other", _("Other abuse")


def flag_category_labels(categories):
    """The translated labels of `categories` (unknown ones as they are), in order."""
    labels = dict(FlagCategory.choices)
    return [str(labels.get(name, name)) for name in categories or ()]


class QueueSource(models.TextChoices):
    PRE_MODERATION = "pre", _("Pre-moderated")
    REPORTED = "reported", _("Reported")
    FLAGGED = "flagged", _("Flagged automatically")


class ActionKind(models.TextChoices):
    APPROVE = "approve", _("Approve")
    HIDE = "hide", pgettext_lazy("moderation action", "Hide")
    REMOVE = "remove", pgettext_lazy("moderation action", "Remove")
    REDACT = "redact", _("Redact personal data")
    WARN = "warn", pgettext_lazy("moderation action", "Warn the author")
    SUSPEND = "suspend", _("Suspend the author")
    BAN = "ban", _("Ban the author")
    # Not chosen by a moderator: recorded by the system or by an appeal decision.
    AUTO_HIDE = "auto_hide", _("Hidden after reports")
    REVERSE = "reverse", _("Reversed on appeal")
    # Thread settings changed by moderators and city staff (forums.services).
    LOCK = "lock", _("Lock the thread")
    UNLOCK = "unlock", _("Unlock the thread")
    PIN = "pin", _("Pin the thread")
    UNPIN = "unpin", _("Unpin the thread")
    SLOW_MODE = "slow_mode", _("Change slow mode")


# Actions a moderator picks; the others are recorded by the services themselves.
MODERATOR_ACTIONS = (
    ActionKind.APPROVE,
    ActionKind.HIDE,
    ActionKind.REMOVE,
    ActionKind.REDACT,
    ActionKind.WARN,
    ActionKind.SUSPEND,
    ActionKind.BAN,
)
# Actions that change the content and so close its queue item.
CONTENT_ACTIONS = (ActionKind.APPROVE, ActionKind.HIDE, ActionKind.REMOVE, ActionKind.REDACT)
ACCOUNT_ACTIONS = (ActionKind.WARN, ActionKind.SUSPEND, ActionKind.BAN)
APPEALABLE_ACTIONS = (
    ActionKind.HIDE,
    ActionKind.REMOVE,
    ActionKind.REDACT,
    ActionKind.WARN,
    ActionKind.SUSPEND,
    ActionKind.BAN,
)


class QueueItemQuerySet(models.QuerySet):
    """Reads of the queue: `QueueItem.objects.open().oldest_first()`."""

    def open(self):
        """Items no moderator has decided yet."""
        return self.filter(decided_at__isnull=True)

    def decided(self):
        return self.filter(decided_at__isnull=False)

    def oldest_first(self):
        return self.order_by("opened_at", "pk")

    def for_content(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )


class QueueItem(models.Model):
    """One piece of content waiting for a moderator: pre-moderated, reported or flagged.

    There is at most one open item per piece of content; further reports add to it.
    Kind, place, language, author and an excerpt are copied from the content when the
    item opens so the queue lists and filters without touching the content tables.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20)
    scope = models.CharField(_("place"), max_length=60, help_text=_("For example consultation:12"))
    place_title = models.CharField(_("place title"), max_length=255, blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    excerpt = models.TextField(_("excerpt"), blank=True)
    source = models.CharField(_("why it is here"), max_length=10, choices=QueueSource.choices)
    report_reason = models.CharField(
        _("main report reason"), max_length=20, choices=ReportReason.choices, blank=True
    )
    flag_categories = models.JSONField(
        _("flagged as"),
        default=list,
        blank=True,
        help_text=_("The abuse categories analysis found (source flagged), sorted."),
    )
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    content_created_at = models.DateTimeField(_("written at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("in the queue since"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision = models.CharField(_("decision"), max_length=20, blank=True)

    objects = QueueItemQuerySet.as_manager()

    @property
    def flag_category_labels(self):
        """The flagged categories as translated labels (what moderators read)."""
        return flag_category_labels(self.flag_categories)

    class Meta:
        verbose_name = _("moderation queue item")
        verbose_name_plural = _("moderation queue")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(decided_at__isnull=True),
                name="moderation_one_open_item_per_content",
            )
        ]
        indexes = [
            models.Index(
                fields=["opened_at", "id"],
                condition=models.Q(decided_at__isnull=True),
                name="modq_open_oldest_idx",
            ),
            models.Index(
                fields=["source", "opened_at"],
                condition=models.Q(decided_at__isnull=True),
                name="modq_open_source_idx",
            ),
            models.Index(
                fields=["report_reason", "opened_at"],
                condition=models.Q(decided_at__isnull=True),
                name="modq_open_reason_idx",
            ),
            models.Index(
                fields=["language", "opened_at"],
                condition=models.Q(decided_at__isnull=True),
                name="modq_open_language_idx",
            ),
            models.Index(
                fields=["scope", "opened_at"],
                condition=models.Q(decided_at__isnull=True),
                name="modq_open_scope_idx",
            ),
            models.Index(fields=["content_type", "object_id"], name="modq_content_idx"),
            models.Index(fields=["decided_at"], name="modq_decided_idx"),
        ]

    def __str__(self):
        return _("%(kind)s %(id)s in %(place)s") % {
            "kind": self.kind,
            "id": self.object_id,
            "place": self.place_title or self.scope,
        }

    @property
    def is_open(self):
        return self.decided_at is None


class Report(models.Model):
    """A person's report of a piece of content. One per person per piece of content."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_reports",
        verbose_name=_("reported by"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    note = models.TextField(_("note"), blank=True)
    queue_item = models.ForeignKey(
        QueueItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("noun", "report")
        verbose_name_plural = pgettext_lazy("noun", "reports")
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                name="moderation_one_report_per_person",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="modreport_content_idx")]

    def __str__(self):
        return _("Report of %(kind)s %(id)s") % {
            "kind": self.content_type.model,
            "id": self.object_id,
        }


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit entry."""


class ModerationActionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The moderation audit trail cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The moderation audit trail cannot be deleted.")


class ModerationAction(models.Model):
    """One entry of the audit trail: who did what to which content or account, when, why,
    and the content's text and status before and after. Append-only.

    `moderator` is empty for what the system did by itself (hiding after reports), and
    once the moderator's account is deleted; `moderator_label` keeps the name they acted
    under either way, so deleting an account never needs the trail to change or blocks.
    `account` is the person affected: the content's author, or the account warned,
    suspended or banned.
    """

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions_taken",
        verbose_name=_("moderator"),
    )
    moderator_label = models.CharField(
        _("moderator's name"),
        max_length=150,
        blank=True,
        help_text=_("The moderator's name when they acted; kept if the account is deleted."),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions_received",
        verbose_name=_("account affected"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    content = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    scope = models.CharField(_("place"), max_length=60, blank=True)
    place_title = models.CharField(_("place title"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    reason = models.TextField(_("reason (for moderators)"), blank=True)
    public_reason = models.TextField(_("reason given to the author"), blank=True)
    before_text = models.TextField(_("text before"), blank=True)
    after_text = models.TextField(_("text after"), blank=True)
    old_status = models.CharField(
        _("status before"), max_length=10, choices=ContentStatus.choices, blank=True
    )
    new_status = models.CharField(
        _("status after"), max_length=10, choices=ContentStatus.choices, blank=True
    )
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    queue_item = models.ForeignKey(
        QueueItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = ModerationActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="modaction_content_idx"),
            models.Index(fields=["account", "created_at"], name="modaction_account_idx"),
        ]

    def __str__(self):
        return _("%(action)s by %(moderator)s") % {
            "action": self.get_action_display(),
            "moderator": self.moderator_name,
        }

    @property
    def moderator_name(self):
        """Who acted: the moderator's name then, or "the system"."""
        if self.moderator_label:
            return self.moderator_label
        return self.moderator.public_name if self.moderator else _("the system")

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("The moderation audit trail cannot be changed.")
        if self.moderator is not None and not self.moderator_label:
            self.moderator_label = str(self.moderator.public_name)[:150]
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The moderation audit trail cannot be deleted.")

    @property
    def is_appealable(self):
        return self.action in APPEALABLE_ACTIONS


class ModerationProfile(models.Model):
    """What moderation knows about an account: contributions, sanctions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_profile",
        verbose_name=_("account"),
    )
    contribution_count = models.PositiveIntegerField(_("contributions"), default=0)
    approved_count = models.PositiveIntegerField(_("published contributions"), default=0)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    banned_at = models.DateTimeField(_("banned at"), null=True, blank=True)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)

    class Meta:
        verbose_name = _("moderation profile")
        verbose_name_plural = _("moderation profiles")

    def __str__(self):
        return str(self.user)

    @property
    def is_banned(self):
        return self.banned_at is not None

    def is_suspended(self, moment=None):
        return self.suspended_until is not None and self.suspended_until > (
            moment or timezone.now()
        )


class AccountNote(models.Model):
    """A moderator's note on an account. Moderators only; never shown to the person."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_notes",
        verbose_name=_("account"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account note")
        verbose_name_plural = _("account notes")

    def __str__(self):
        return _("Note on %(account)s") % {"account": self.account}


class AppealQuerySet(models.QuerySet):
    def open(self):
        return self.filter(decided_at__isnull=True)


class Appeal(models.Model):
    """The affected person asks for a moderation action to be looked at again.

    Decided by a moderator other than the one who took the action. `upheld` True means
    the original decision stands; False means it was reversed.
    """

    action = models.OneToOneField(
        ModerationAction,
        on_delete=models.PROTECT,
        related_name="appeal",
        verbose_name=_("moderation action"),
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_appeals",
        verbose_name=_("appealed by"),
    )
    text = models.TextField(_("why the decision should change"))
    created_at = models.DateTimeField(_("appealed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    upheld = models.BooleanField(_("decision upheld"), null=True, blank=True)
    decision_note = models.TextField(_("explanation"), blank=True)
    reversal = models.ForeignKey(
        ModerationAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reversal"),
    )

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return _("Appeal against %(action)s") % {"action": self.action.get_action_display()}

    @property
    def is_open(self):
        return self.decided_at is None
