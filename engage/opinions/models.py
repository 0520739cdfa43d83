"""Opinion maps, their statements, participants, votes and computed snapshots.

A statement is resident content (`engage.moderation.content.ResidentContent`): it has
a moderation `status` (pending, published, hidden, removed, withdrawn) that the
moderation queue, reports and appeals work on, and a Pol.is `state` (accepted,
unmoderated, moderated out) that the maths reads. A save that changes the status brings
the state along (`STATE_FOR_STATUS`); imported and seed statements set the state
directly and start published.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from engage.moderation.content import (
    ContentStatus,
    ModerationMode,
    ResidentContent,
    ResidentContentQuerySet,
)

# Residents' statements are short, as in Pol.is; imported statements keep their length.
STATEMENT_MAX_LENGTH = 280
STANDALONE = "map"


class MapStatus(models.TextChoices):
    """Where a map is in its life: staff prepare a draft, residents vote while it is
    open, and a closed map keeps its statements, votes and results for reading."""

    DRAFT = "draft", _("Draft: only staff can see it")
    OPEN = "open", _("Open for votes and statements")
    CLOSED = "closed", _("Closed: results only")


class OpinionMapQuerySet(models.QuerySet):
    def public(self):
        """Maps residents may see: open or closed, not drafts."""
        return self.exclude(status=MapStatus.DRAFT)

    def for_scope(self, scope):
        """The map of a consultation or forum scope (`consultation:<id>`), if any."""
        return self.filter(scope=str(scope))


class OpinionMap(models.Model):
    """One conversation: a question, statements and votes on them.

    `scope` is the consultation or forum it belongs to (`consultation:<id>`,
    `forum:<id>`), or empty for a standalone map, which is then known as `map:<id>`
    (`scope_string`). At most one map per consultation or forum. `seed` seeds the
    clustering, so a recomputation on the same votes gives the same groups.
    `status` says whether residents may vote (open) or only read (closed); drafts are
    for staff. Residents' statements are moderated by `moderation_mode` (as comments
    are) and only accepted at all while `accepts_statements`.
    """

    scope = models.CharField(_("scope"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    question = models.TextField(_("question"), blank=True)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    created = models.DateTimeField(_("created"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=MapStatus.choices, default=MapStatus.OPEN
    )
    moderation_mode = models.CharField(
        _("moderation of residents' statements"),
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
    )
    accepts_statements = models.BooleanField(
        _("residents may add statements"),
        default=True,
        help_text=_("When off, residents only vote on the statements staff wrote."),
    )

    objects = OpinionMapQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion map")
        verbose_name_plural = _("opinion maps")
        constraints = [
            models.UniqueConstraint(
                fields=["scope"], condition=~Q(scope=""), name="opinions_one_map_per_scope"
            )
        ]

    def __str__(self):
        return self.title or self.scope_string

    @property
    def scope_string(self):
        """How commands name this map: its scope, or `map:<id>` when standalone."""
        return self.scope or f"{STANDALONE}:{self.pk}"

    @property
    def is_open(self):
        return self.status == MapStatus.OPEN

    @property
    def is_draft(self):
        return self.status == MapStatus.DRAFT


class StatementState(models.TextChoices):
    """Moderation of a statement, as Pol.is' `moderated` column (1, 0, -1)."""

    ACCEPTED = "accepted", _("Accepted")
    UNMODERATED = "unmoderated", _("Not yet moderated")
    MODERATED_OUT = "out", _("Moderated out")


# The Pol.is state a moderation status leads to (see the module docstring).
STATE_FOR_STATUS = {
    ContentStatus.PENDING: StatementState.UNMODERATED,
    ContentStatus.PUBLISHED: StatementState.ACCEPTED,
    ContentStatus.HIDDEN: StatementState.MODERATED_OUT,
    ContentStatus.REMOVED: StatementState.MODERATED_OUT,
    ContentStatus.WITHDRAWN: StatementState.MODERATED_OUT,
}
# ResidentContent's names for the columns a statement has always had.
FIELD_ALIASES = {"body_text": "text", "created_at": "created"}


class StatementQuerySet(ResidentContentQuerySet):
    """Reads of statements; `visible_to(user)` comes from ResidentContentQuerySet."""

    def votable(self):
        """Statements people vote on: published and accepted (not awaiting moderation,
        not hidden, removed, withdrawn or moderated out)."""
        return self.filter(status=ContentStatus.PUBLISHED, state=StatementState.ACCEPTED)

    def of_map(self, opinion_map):
        return self.filter(map=opinion_map)


class Statement(ResidentContent):
    """A short statement participants agree with, disagree with or pass on.

    `external_id` is the id in the system it was imported from (Pol.is' comment-id);
    native statements have none and are known by their own id (`public_id`). Seed
    statements are written by staff (`is_seed`); `author` is null for imported ones.
    Moderated-out statements stay (votes on them are kept) but count for nothing.

    As resident content it is registered with moderation and text analysis
    (`registrations.py`). `text` is what the author typed (ResidentContent's
    `body_text`, an alias here) and `body_html` its sanitised form; `created` is
    ResidentContent's `created_at`. Statements are never edited (votes were cast on the
    text); an author may withdraw one.
    """

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="statements")
    external_id = models.CharField(_("imported id"), max_length=64, blank=True)
    text = models.TextField(_("text"))
    body_text = property(
        lambda self: self.text, lambda self, value: setattr(self, "text", value or "")
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    is_seed = models.BooleanField(_("seed statement"), default=False)
    state = models.CharField(
        _("moderation"),
        max_length=16,
        choices=StatementState.choices,
        default=StatementState.UNMODERATED,
    )
    # Imported and seed statements are published; residents' start as moderation says.
    status = models.CharField(
        _("status"), max_length=10, choices=ContentStatus.choices, default=ContentStatus.PUBLISHED
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    created_at = property(
        lambda self: self.created, lambda self, value: setattr(self, "created", value)
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["map", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["map", "external_id"],
                condition=~Q(external_id=""),
                name="opinions_statement_external_id_unique",
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def public_id(self):
        return self.external_id or str(self.pk)

    @property
    def html(self):
        """The statement as safe HTML: the sanitised text, or the plain text escaped
        (imported statements have no HTML)."""
        return mark_safe(self.body_html or escape(self.text))  # noqa: S308 - sanitised or escaped

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def save(self, *args, update_fields=None, **kwargs):
        """Save, translating ResidentContent's field names and bringing `state` along
        when the moderation status changed (see the module docstring)."""
        loaded = getattr(self, "_loaded_status", None)
        if update_fields is not None:
            update_fields = {FIELD_ALIASES.get(name, name) for name in update_fields}
            status_changed = "status" in update_fields
        else:
            status_changed = loaded is not None and loaded != self.status
        if status_changed:
            self.state = STATE_FOR_STATUS.get(self.status, self.state)
            if update_fields is not None:
                update_fields.add("state")
        super().save(*args, update_fields=update_fields, **kwargs)
        self._loaded_status = self.status

    def keep_revision(self):
        """Statements are not edited: votes were cast on their text."""
        raise ValidationError(
            _("Statements cannot be edited once people may have voted on them."),
            code="not_editable",
        )

    def withdraw(self, moment=None):
        """Withdrawal by the author (no earlier versions to delete): the text goes, the
        statement is moderated out of the map."""
        self.status = ContentStatus.WITHDRAWN
        self.text = self.body_html = ""
        self.withdrawn_at = moment or timezone.now()
        self.save(update_fields=["status", "text", "body_html", "withdrawn_at"])

    def clean(self):
        super().clean()
        if not self.external_id and len(self.text) > STATEMENT_MAX_LENGTH:
            raise ValidationError(
                {
                    "text": _(
                        "A statement can be at most %(limit)s characters long. Shorten it "
                        "to one idea."
                    )
                    % {"limit": STATEMENT_MAX_LENGTH}
                }
            )


class Participant(models.Model):
    """Someone who votes on a map: an account (`user`), or an imported voter known only
    by `external_id` (Pol.is' voter-id)."""

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="participants")
    external_id = models.CharField(_("imported id"), max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["map", "external_id"],
                condition=~Q(external_id=""),
                name="opinions_participant_external_id_unique",
            ),
            models.UniqueConstraint(
                fields=["map", "user"],
                condition=Q(user__isnull=False),
                name="opinions_one_participant_per_user",
            ),
        ]

    def __str__(self):
        return self.public_id

    @property
    def public_id(self):
        return self.external_id or str(self.pk)


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("Agree")
    PASS = 0, _("Pass")
    DISAGREE = -1, _("Disagree")


class Vote(models.Model):
    """A participant's latest vote on a statement: changing a vote replaces it."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(_("vote"), choices=VoteValue.choices)
    voted_at = models.DateTimeField(_("voted at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="opinions_one_vote_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(value__in=[-1, 0, 1]), name="opinions_vote_value_range"
            ),
        ]


class Snapshot(models.Model):
    """One computed result of a map (groups, representative statements, consensus),
    with the time and the seed it was computed with; the newest is shown."""

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="snapshots")
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    seed = models.PositiveIntegerField(_("seed"))
    result = models.JSONField(_("result"))

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        get_latest_by = "computed_at"
        ordering = ["-computed_at", "-pk"]
