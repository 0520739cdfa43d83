"""Opinion maps, their statements, participants, votes and computed snapshots."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Residents' statements are short, as in Pol.is; imported statements keep their length.
STATEMENT_MAX_LENGTH = 280
STANDALONE = "map"


class OpinionMap(models.Model):
    """One conversation: a question, statements and votes on them.

    `scope` is the consultation or forum it belongs to (`consultation:<id>`,
    `forum:<id>`), or empty for a standalone map, which is then known as `map:<id>`
    (`scope_string`). At most one map per consultation or forum. `seed` seeds the
    clustering, so a recomputation on the same votes gives the same groups.
    """

    scope = models.CharField(_("scope"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    question = models.TextField(_("question"), blank=True)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    created = models.DateTimeField(_("created"), default=timezone.now)

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


class StatementState(models.TextChoices):
    """Moderation of a statement, as Pol.is' `moderated` column (1, 0, -1)."""

    ACCEPTED = "accepted", _("Accepted")
    UNMODERATED = "unmoderated", _("Not yet moderated")
    MODERATED_OUT = "out", _("Moderated out")


class Statement(models.Model):
    """A short statement participants agree with, disagree with or pass on.

    `external_id` is the id in the system it was imported from (Pol.is' comment-id);
    native statements have none and are known by their own id (`public_id`). Seed
    statements are written by staff (`is_seed`); `author` is null for imported ones.
    Moderated-out statements stay (votes on them are kept) but count for nothing.
    """

    map = models.ForeignKey(OpinionMap, on_delete=models.CASCADE, related_name="statements")
    external_id = models.CharField(_("imported id"), max_length=64, blank=True)
    text = models.TextField(_("text"))
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
    created = models.DateTimeField(_("created"), default=timezone.now)

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
