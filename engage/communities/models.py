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
