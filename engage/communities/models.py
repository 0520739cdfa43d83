"""Community groups, population baselines and the participation ledger.

A *dimension* (ethnic group, religion, age band, neighbourhood…) has *categories*; a
community group is a category. Baselines give each category's share of an area's
population. The ledger (`Participation`) records who took part where, once per person
per scope, so representation can be reported for any consultation, forum or session.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Dimension(index.Indexed, models.Model):
    """A way of describing a population, such as "Ethnic group" or "Age band"."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self):
        return self.name


class Category(index.Indexed, models.Model):
    """One category of a dimension; a community group. May roll up into a broader one."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="categories", verbose_name=_("dimension")
    )
    slug = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=160)
    broader = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="narrower",
        verbose_name=_("rolls up into"),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("dimension"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("broader"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["dimension__sort_order", "sort_order", "name"]
        verbose_name = _("community group")
        verbose_name_plural = _("community groups")
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "slug"], name="unique_category_per_dimension"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.dimension})"


class Area(models.Model):
    """A place with a population baseline: the city, a ward, a neighbourhood."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=160)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    # A GeoJSON geometry (Polygon or MultiPolygon, WGS84 longitude/latitude), checked by
    # engage.communities.geometry and set by `import_areas`; null for areas without one.
    boundary = models.JSONField(
        _("boundary"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon or MultiPolygon in WGS84 (longitude, latitude)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name


class BaselineShare(models.Model):
    """A category's share of an area's population, from a named source and year."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="baseline_shares")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="baseline_shares")
    share = models.DecimalField(
        _("share of population"),
        max_digits=9,
        decimal_places=6,
        help_text=_("A fraction between 0 and 1."),
    )
    count = models.PositiveBigIntegerField(_("people"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        verbose_name = _("baseline share")
        verbose_name_plural = _("baseline shares")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "category"], name="unique_baseline_per_category"
            )
        ]

    def __str__(self):
        return f"{self.area}: {self.category} {self.share}"


class ScopeType(models.TextChoices):
    """The kinds of place the ledger records participation in."""

    CONSULTATION = "consultation", _("consultation")
    PROPOSAL = "proposal", _("proposal")
    FORUM = "forum", _("forum")
    SESSION = "session", _("co-design session")


class Action(models.IntegerChoices):
    """Ways of taking part. Values are bit flags so one ledger row can hold several."""

    COMMENTED = 1, _("commented")
    REACTED = 2, _("reacted")
    ANSWERED = 4, _("answered a survey")
    POSTED = 8, _("posted in a forum")
    CLAIMED = 16, _("raised a claim")
    FACT_CHECKED = 32, _("wrote a fact-check")
    ATTENDED = 64, _("attended a session")
    CONTRIBUTED = 128, _("contributed to a brief")
    VOTED = 256, _("voted in an opinion map")


class ParticipationQuerySet(models.QuerySet):
    def in_scope(self, scope):
        """Ledger rows for one `Scope` (see `engage.communities.scopes`)."""
        return scope.filter_participation(self)

    def with_action(self, action):
        """Rows whose person did `action` (an `Action`) in that scope."""
        return self.annotate(has_action=models.F("actions").bitand(int(action))).filter(
            has_action=int(action)
        )


class Participation(models.Model):
    """One person took part in one place. Written only by `services.record_participation`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    scope_type = models.CharField(max_length=16, choices=ScopeType.choices)
    scope_id = models.CharField(max_length=64)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="participations"
    )
    actions = models.PositiveIntegerField(default=0, help_text="Bitwise OR of Action values.")
    first_at = models.DateTimeField(default=timezone.now)
    last_at = models.DateTimeField(default=timezone.now)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope_type", "scope_id"], name="one_participation_per_scope"
            )
        ]
        indexes = [models.Index(fields=["scope_type", "scope_id"])]

    def __str__(self):
        return f"{self.user_id} in {self.scope_type}:{self.scope_id}"

    def did(self, action):
        return bool(self.actions & int(action))


class ImportRecord(models.Model):
    """What every import keeps: the file's name, when, and who ran it."""

    file_name = models.CharField(_("file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        abstract = True
        ordering = ["-imported_at"]


class BaselineImport(ImportRecord):
    """One area and dimension as read by an import: where the figures came from, and
    whether they had to be normalised (published shares are rounded and rarely sum to
    exactly 100 %)."""

    class Kind(models.TextChoices):
        SHARE_PCT = "share_pct", _("percentages")
        COUNT = "count", _("counts")

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="baseline_imports", verbose_name=_("area")
    )
    dimension = models.ForeignKey(
        Dimension,
        on_delete=models.CASCADE,
        related_name="baseline_imports",
        verbose_name=_("dimension"),
    )
    kind = models.CharField(_("figures given as"), max_length=16, choices=Kind.choices)
    original_total = models.DecimalField(
        _("total as published"),
        max_digits=20,
        decimal_places=6,
        help_text=_("The sum of the figures in the file, before normalising."),
    )
    normalised = models.BooleanField(
        _("normalised"),
        default=False,
        help_text=_("True when the shares were scaled so that they sum to exactly 1."),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta(ImportRecord.Meta):
        verbose_name = _("baseline import")
        verbose_name_plural = _("baseline imports")

    def __str__(self):
        return f"{self.area} / {self.dimension} ({self.imported_at:%Y-%m-%d})"


class DeclarationConsentQuerySet(models.QuerySet):
    def active(self):
        """Consents that have not been withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class DeclarationConsent(models.Model):
    """A person's explicit consent to record their self-declarations (special-category
    data): when, against which privacy notice and purpose text, and when withdrawn.

    Kept after withdrawal as the record that consent existed; the declarations
    themselves are deleted at withdrawal (`services.withdraw_consent`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declaration_consents"
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=32)
    purpose_version = models.CharField(_("purpose text version"), max_length=32)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = DeclarationConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration consent")
        verbose_name_plural = _("declaration consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_declaration_consent",
            )
        ]

    def __str__(self):
        # Never a name: consent to special-category data is itself sensitive.
        return f"consent {self.pk}"

    @property
    def is_active(self):
        return self.withdrawn_at is None


class Declaration(models.Model):
    """What a person said about themselves in one dimension; `category` empty means
    "prefer not to say". Written only by `services.declare`, never shown to anyone and
    only ever read in aggregate (`representation.representation_report`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declarations"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dimension"], name="one_declaration_per_dimension"
            )
        ]

    def __str__(self):
        return f"declaration {self.pk}"


class OfflineImport(ImportRecord):
    """One file of offline participants (a workshop, paper forms) added to a scope."""

    scope_type = models.CharField(_("kind of scope"), max_length=16, choices=ScopeType.choices)
    scope_id = models.CharField(_("scope id"), max_length=64)
    participants = models.PositiveIntegerField(_("participants"), default=0)

    class Meta(ImportRecord.Meta):
        verbose_name = _("offline participation import")
        verbose_name_plural = _("offline participation imports")

    def __str__(self):
        return f"{self.scope_type}:{self.scope_id} ({self.participants})"


class OfflineParticipantQuerySet(models.QuerySet):
    def in_scope(self, scope):
        """Offline participants counted in one `Scope` (as the ledger is)."""
        return scope.filter_participation(self)


class OfflineParticipant(models.Model):
    """An anonymous person heard offline in one scope; counted by representation
    reports beside the online ledger. No name, no contact details, ever."""

    batch = models.ForeignKey(OfflineImport, on_delete=models.CASCADE, related_name="people")
    scope_type = models.CharField(max_length=16, choices=ScopeType.choices)
    scope_id = models.CharField(max_length=64)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OfflineParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("offline participant")
        verbose_name_plural = _("offline participants")
        indexes = [models.Index(fields=["scope_type", "scope_id"])]

    def __str__(self):
        return f"offline participant {self.pk}"


class OfflineDeclaration(models.Model):
    """What an offline participant declared in one dimension (empty category: prefer
    not to say). No row means not declared."""

    participant = models.ForeignKey(
        OfflineParticipant, on_delete=models.CASCADE, related_name="declarations"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("offline declaration")
        verbose_name_plural = _("offline declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "dimension"], name="one_offline_declaration_per_dimension"
            )
        ]

    def __str__(self):
        return f"offline declaration {self.pk}"


class PanelSelection(models.Model):
    """A recorded draw of a co-design panel by lot (see `engage.communities.panels`).

    Holds what is needed to explain and repeat the draw: the algorithm, the seed, the
    quotas, who was selected and every volunteer's chance of selection. Volunteers'
    declared categories are not stored here. Written by `panels.record_draw`.
    """

    session = models.ForeignKey(
        "codesign.CoDesignSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="panel_selections",
        verbose_name=_("co-design session"),
    )
    algorithm = models.CharField(_("algorithm"), max_length=16)
    seed = models.PositiveBigIntegerField(_("seed"))
    size = models.PositiveIntegerField(_("places"))
    quotas = models.JSONField(_("quotas"), default=list)
    selected = models.JSONField(_("selected volunteers"), default=list)
    probabilities = models.JSONField(_("selection probabilities"), null=True, blank=True)
    probability_method = models.CharField(_("how probabilities were found"), max_length=16)
    library_version = models.CharField(_("sortition-algorithms version"), max_length=32)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("drawn at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("panel selection")
        verbose_name_plural = _("panel selections")

    def __str__(self):
        return f"panel of {self.size} ({self.algorithm}, seed {self.seed})"
