"""The glossary's tables: terms, their per-language wording, discouraged terms, sources,
revisions, partner organisations' decisions and the audit trail.

Wording lives in one row per language (`TermTranslation`) rather than in
wagtail-modeltranslation columns, because each translation carries its own record of
agreement: `agreed_in` is the language of the wording the partners endorsed (its own
language when the partners reviewed this wording; the term's source language when it was
translated after agreement). Writes go through `engage.policy.glossary.services`, except
staff edits in the Wagtail admin, which the `after_edit_snippet` hook hands to
`services.record_edit` so that they leave a revision and an audit entry too.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from engage.accounts.rules import is_city_staff, is_partner_member
from engage.policy.models import PartnerOrganisation


def language_choices():
    return list(settings.LANGUAGES)


class TermStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("glossary term status", "proposed")
    UNDER_REVIEW = "under_review", pgettext_lazy("glossary term status", "under review")
    AGREED = "agreed", pgettext_lazy("glossary term status", "agreed")
    RETIRED = "retired", pgettext_lazy("glossary term status", "retired")


PUBLIC_STATUSES = (TermStatus.AGREED, TermStatus.RETIRED)


class TermQuerySet(models.QuerySet):
    def agreed(self):
        """Terms the partners agreed (the ones content links to)."""
        return self.filter(status=TermStatus.AGREED)

    def public(self):
        """Terms everybody may read: agreed ones and retired ones (kept for reference)."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user):
        """What `user` may read: staff and partner members also see terms being drafted
        and reviewed (as rules.may_see_drafts)."""
        sees_drafts = is_city_staff(user) or is_partner_member(user)
        return self.all() if sees_drafts else self.public()

    def under_review(self):
        return self.filter(status=TermStatus.UNDER_REVIEW)

    def search(self, query):
        """Terms whose wording in any language (label, other forms, definition) or
        whose discouraged terms contain `query`."""
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(
            Q(slug__icontains=query)
            | Q(translations__label__icontains=query)
            | Q(translations__variants__icontains=query)
            | Q(translations__definition__icontains=query)
            | Q(discouraged__phrase__icontains=query)
        ).distinct()

    def with_wording(self):
        return self.prefetch_related("translations", "discouraged", "sources", "related_terms")


class Term(ClusterableModel):
    """One concept of the shared terminology (e.g. "community cohesion"), in every
    language the city writes in, with the status of its agreement by the partners."""

    slug = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("A stable code in English, used in addresses and when sharing the glossary."),
    )
    source_language = models.CharField(
        _("drafted in"),
        max_length=8,
        choices=language_choices,
        default="en",
        help_text=_("The language in which the partners review the wording."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TermStatus.choices, default=TermStatus.PROPOSED
    )
    related_terms = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related terms")
    )
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True, editable=False)
    origin = models.JSONField(
        _("origin"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Where an imported term came from."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TermQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("slug"), FieldPanel("source_language")], heading=_("Term")),
        InlinePanel("translations", label=_("Wording in each language"), min_num=1),
        InlinePanel("discouraged", label=_("Discouraged terms")),
        InlinePanel("sources", label=_("Sources")),
        FieldPanel("related_terms"),
    ]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.label()

    def translation(self, language=None):
        """The wording in `language` (the current one by default), else in the source
        language, else any; None for a term without wording."""
        language = language or get_language() or settings.LANGUAGE_CODE
        wording = {item.language: item for item in self.translations.all()}
        return (
            wording.get(language)
            or wording.get(self.source_language)
            or next(iter(wording.values()), None)
        )

    def label(self, language=None):
        wording = self.translation(language)
        return wording.label if wording else self.slug

    def get_absolute_url(self):
        return reverse("glossary:term", kwargs={"term_slug": self.slug})

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES


class TermTranslation(models.Model):
    """The term in one language: its label, definition, usage notes and the other
    forms (plurals, inflections) that automatic links should also find."""

    term = ParentalKey(Term, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    label = models.CharField(_("term"), max_length=200)
    definition = models.TextField(_("definition"))
    usage_notes = models.TextField(_("usage notes"), blank=True)
    variants = models.TextField(
        _("other forms"),
        blank=True,
        help_text=_(
            "Plurals and inflected forms that should link to this term, one per line "
            "(for example “polaryzacji” in Polish)."
        ),
    )
    agreed_in = models.CharField(
        _("agreed in"),
        max_length=8,
        blank=True,
        editable=False,
        help_text=_("The language of the wording the partners endorsed."),
    )
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("language"),
        FieldPanel("label"),
        FieldPanel("definition"),
        FieldPanel("usage_notes"),
        FieldPanel("variants"),
    ]

    class Meta:
        ordering = ["language"]
        verbose_name = _("wording")
        verbose_name_plural = _("wording in each language")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language"], name="glossary_one_wording_per_language"
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.language})"

    def variant_list(self):
        return [line.strip() for line in self.variants.splitlines() if line.strip()]

    @property
    def is_rtl(self):
        return self.language in settings.LANGUAGES_BIDI

    @property
    def agreed_in_own_language(self):
        return bool(self.agreed_in) and self.agreed_in == self.language


class DiscouragedTerm(models.Model):
    """A word or phrase writers should avoid, with the preferred alternative and why."""

    term = ParentalKey(Term, on_delete=models.CASCADE, related_name="discouraged")
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    phrase = models.CharField(_("discouraged term"), max_length=200)
    preferred = models.CharField(_("preferred alternative"), max_length=200)
    reason = models.TextField(_("reason"))

    panels = [
        FieldPanel("language"),
        FieldPanel("phrase"),
        FieldPanel("preferred"),
        FieldPanel("reason"),
    ]

    class Meta:
        ordering = ["language", "phrase"]
        verbose_name = _("discouraged term")
        verbose_name_plural = _("discouraged terms")

    def __str__(self):
        return f"{self.phrase} → {self.preferred} ({self.language})"


class TermSource(models.Model):
    """A source of the definition: a report, a statute, a partner's guidance."""

    term = ParentalKey(Term, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta:
        ordering = ["pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title


class TermRevision(models.Model):
    """The whole wording of a term at one moment (`services.snapshot`): never edited.
    Decisions of the partner organisations are on one revision."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    snapshot = models.JSONField(_("wording"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["term", "-number"]
        verbose_name = _("glossary term revision")
        verbose_name_plural = _("glossary term revisions")
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="glossary_revision_number")
        ]

    def __str__(self):
        return f"{self.term_id} r{self.number}"


class Decision(models.TextChoices):
    ENDORSE = "endorse", _("endorse")
    OBJECT = "object", _("object")
    ABSTAIN = "abstain", _("abstain")


class Endorsement(models.Model):
    """A partner organisation's decision on one revision of a term under review,
    given by one of its members. One per organisation and revision (a later decision
    replaces the earlier one)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="endorsements")
    revision = models.PositiveIntegerField(_("revision"))
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        related_name="glossary_endorsements",
        verbose_name=_("partner organisation"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="glossary_endorsements",
        verbose_name=_("given by"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partner decision on a term")
        verbose_name_plural = _("partner decisions on terms")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "revision", "organisation"],
                name="glossary_one_decision_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} {self.decision} {self.term_id} r{self.revision}"


class AuditEntry(models.Model):
    """Who did what to the glossary, when: append-only (nothing edits or deletes it)."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        REVIEW_STARTED = "review_started", _("review started")
        RETURNED = "returned", _("returned to proposed")
        DECIDED = "decided", _("partner decision")
        AGREED = "agreed", _("agreed")
        REOPENED = "reopened", _("review reopened by an edit")
        RETIRED = "retired", _("retired")
        RESTORED = "restored", _("proposed again")
        DELETED = "deleted", _("deleted")
        IMPORTED = "imported", _("imported")
        EXPORTED = "exported", _("exported")

    term = models.ForeignKey(
        Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    term_key = models.CharField(_("term"), max_length=100, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("glossary audit entry")
        verbose_name_plural = _("glossary audit trail")

    def __str__(self):
        return f"{self.action} {self.term_key} ({self.at:%Y-%m-%d %H:%M})"
