"""Co-authored briefs: one shared document per co-design session.

The document is a Yjs (CRDT) document edited live by the session's co-authors (see
`consumers.BriefConsumer` and docs/websockets.md). The database holds it in two parts:

- `Brief.ydoc_state`: the compacted document (a full Yjs update) up to `compacted_through`;
- `BriefUpdate`: the append-only log of updates applied since, one row per update, each
  with the person whose connection sent it and the characters it added and removed.

Loading a document = the compacted state + the log in order
(`document_store.load_document`); `document_store.compact` folds the log into the state. So a restart of the server process loses
nothing that was acknowledged: every update is in the log before it is relayed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Brief(models.Model):
    """The brief that frames a consultation, co-authored in a co-design session."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", pgettext_lazy("brief status", "being drafted")
        FINAL = "final", pgettext_lazy("brief status", "final, awaiting sign-off")
        PUBLISHED = "published", pgettext_lazy("brief status", "published")

    session = models.OneToOneField(
        "codesign.CoDesignSession",
        on_delete=models.CASCADE,
        related_name="brief",
        verbose_name=_("co-design session"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFTING
    )
    ydoc_state = models.BinaryField(_("document state"), default=bytes, editable=False)
    compacted_through = models.BigIntegerField(
        default=0, editable=False, help_text="Id of the last BriefUpdate folded into the state."
    )
    published_html = models.TextField(_("published text"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("marked final at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")

    def __str__(self):
        return f"brief of session {self.session_id}"

    @property
    def is_drafting(self):
        return self.status == self.Status.DRAFTING

    @property
    def is_final(self):
        return self.status == self.Status.FINAL

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class BriefUpdate(models.Model):
    """One Yjs update applied to a brief, in the order the server applied them."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    data = models.BinaryField()
    chars_added = models.PositiveIntegerField(default=0)
    chars_removed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["brief", "id"])]


class BriefSnapshot(models.Model):
    """A revision of a brief: the whole document at one moment, and its text for diffs."""

    class Reason(models.TextChoices):
        AUTOMATIC = "automatic", pgettext_lazy("snapshot reason", "automatic")
        MANUAL = "manual", pgettext_lazy("snapshot reason", "saved by hand")
        RESTORE = "restore", pgettext_lazy("snapshot reason", "before a restore")
        FINAL = "final", pgettext_lazy("snapshot reason", "marked final")

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="snapshots")
    state = models.BinaryField()
    html = models.TextField()
    text = models.TextField()
    reason = models.CharField(max_length=16, choices=Reason.choices, default=Reason.AUTOMATIC)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"revision {self.pk} of brief {self.brief_id}"


class BriefComment(models.Model):
    """A comment on a brief, optionally on a quoted passage of it."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quote = models.CharField(_("passage"), max_length=1000, blank=True)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class BriefSuggestion(models.Model):
    """Proposed replacement text for a quoted passage, accepted or rejected by a co-author."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("suggestion status", "open")
        ACCEPTED = "accepted", pgettext_lazy("suggestion status", "accepted")
        REJECTED = "rejected", pgettext_lazy("suggestion status", "rejected")

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="suggestions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quote = models.CharField(_("passage to replace"), max_length=1000)
    replacement = models.TextField(_("replacement"), blank=True)
    note = models.TextField(_("why"), blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Contribution(models.Model):
    """What one person did to one brief, kept up to date by `services`.

    Feeds the tokenism checks ("present but not heard"); staff see it in aggregate.
    """

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="contributions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    chars_added = models.PositiveIntegerField(default=0)
    chars_removed = models.PositiveIntegerField(default=0)
    updates = models.PositiveIntegerField(default=0)
    suggestions_made = models.PositiveIntegerField(default=0)
    suggestions_accepted = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["brief", "user"], name="briefs_one_contribution_row")
        ]


class SignOff(models.Model):
    """A co-author's answer when staff mark the brief final."""

    class Decision(models.TextChoices):
        APPROVE = "approve", pgettext_lazy("sign-off", "approve")
        DECLINE = "decline", pgettext_lazy("sign-off", "decline")

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="signoffs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    agree_to_be_named = models.BooleanField(
        _("name me as a co-author on the published brief"), default=False
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "user"], name="briefs_one_signoff_per_person")
        ]
