"""Information-sharing agreements between the city and partner organisations.

An agreement names its purpose, its lawful basis (and for special-category data the
Article 9 condition with the DPA 2018 Schedule 1 condition), what it shares (its
`PartnerGrant`s), for how long and how safely, and who signs it: at least one
signatory per party organisation and at least one for the city (staff). Each signs in
Engage (`engage.policy.services.agreements.sign`).

In force on a day (`InformationSharingAgreement.objects.in_force(day)`, in SQL): it has
been sent for signature and not withdrawn or terminated, every signatory has signed
and none has withdrawn, every party has signed, the start date has come and the expiry
date has not (an agreement expiring on 31 March gives no access on 31 March). A
transitional agreement (made by migration 0006 around the grants that existed before
agreements) needs no signatures, and ends on its review date. The
stored `status` records the steps people took; `status_on(day)` is the status people
see, computed the same way as the SQL.

Staff edit drafts in the admin (a snippet with revisions); once anyone has signed, the
terms are locked (`engage.policy.forms.AgreementAdminForm`). Every step is an
`AgreementEvent`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin

from .lawful_basis import Article6, Article9, Schedule1, schedule_1_fits
from .partners import PartnerOrganisation


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    AWAITING_SIGNATURES = "awaiting_signatures", _("awaiting signatures")
    IN_FORCE = "in_force", _("in force")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")
    TERMINATED = "terminated", _("terminated")


# Stored statuses under which an agreement may be (or come) in force.
LIVE_STATUSES = (AgreementStatus.AWAITING_SIGNATURES, AgreementStatus.IN_FORCE)
ENDED_STATUSES = (AgreementStatus.WITHDRAWN, AgreementStatus.TERMINATED, AgreementStatus.EXPIRED)


class AgreementQuerySet(models.QuerySet):
    def in_force(self, today=None):
        """Agreements in force on `today` (default: today), computed in SQL."""
        today = today or timezone.localdate()
        not_signed = AgreementSignatory.objects.filter(agreement=OuterRef("pk")).filter(
            Q(signed_at__isnull=True) | Q(withdrawn_at__isnull=False)
        )
        city_signed = AgreementSignatory.objects.filter(
            agreement=OuterRef("pk"),
            organisation__isnull=True,
            signed_at__isnull=False,
            withdrawn_at__isnull=True,
        )
        party_signed = AgreementSignatory.objects.filter(
            agreement=OuterRef("agreement_id"),
            organisation=OuterRef("organisation_id"),
            signed_at__isnull=False,
            withdrawn_at__isnull=True,
        )
        party_unsigned = AgreementParty.objects.filter(agreement=OuterRef("pk")).exclude(
            Exists(party_signed)
        )
        signed = Q(~Exists(not_signed), ~Exists(party_unsigned), Exists(city_signed))
        return self.filter(
            signed | Q(is_transitional=True),
            status__in=LIVE_STATUSES,
            start_date__lte=today,
            expiry_date__gt=today,
        )

    def with_party(self, organisations):
        """Agreements one of `organisations` (a queryset or list) is a party to."""
        return self.filter(parties__organisation__in=organisations).distinct()

    def for_member(self, user):
        """Agreements of the active partner organisations `user` is a member of."""
        return self.filter(
            parties__organisation__is_active=True,
            parties__organisation__memberships__user=user,
        ).distinct()

    def review_or_expiry_within(self, today, days):
        """Live agreements whose review or expiry date falls within `days` of `today`."""
        horizon = today + datetime.timedelta(days=days)
        return self.filter(status__in=LIVE_STATUSES).filter(
            Q(review_date__gte=today, review_date__lte=horizon)
            | Q(expiry_date__gt=today, expiry_date__lte=horizon)
        )


class InformationSharingAgreement(RevisionMixin, ClusterableModel):
    """An agreement between the city and one or more partner organisations that lets
    them see what its grants name, while it is in force (see the module docstring)."""

    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(
        _("reference"), max_length=60, blank=True, help_text=_("The city's own reference.")
    )
    is_transitional = models.BooleanField(
        _("transitional agreement"),
        default=False,
        editable=False,
        help_text=_(
            "Made automatically to keep the grants that existed before agreements; "
            "replace it with a signed agreement before its review date."
        ),
    )
    purpose = models.TextField(_("purpose"))
    lawful_basis = models.CharField(
        _("lawful basis (UK GDPR Article 6)"), max_length=2, choices=Article6.choices
    )
    lawful_basis_detail = models.TextField(
        _("lawful basis: details"),
        blank=True,
        help_text=_("For a public task or legal obligation, the law it rests on."),
    )
    special_category = models.BooleanField(
        _("special-category data"),
        default=False,
        help_text=_(
            "Data revealing ethnic origin, religion, health, sexual orientation and the "
            "other special categories of UK GDPR Article 9, even as aggregates."
        ),
    )
    article_9_condition = models.CharField(
        _("condition (UK GDPR Article 9)"), max_length=2, choices=Article9.choices, blank=True
    )
    schedule_1_condition = models.CharField(
        _("condition (Data Protection Act 2018, Schedule 1)"),
        max_length=4,
        choices=Schedule1.choices,
        blank=True,
    )
    data_categories = models.TextField(
        _("categories of data"), help_text=_("What is shared, one category per line.")
    )
    retention = models.TextField(_("retention"), help_text=_("How long partners keep it."))
    security_measures = models.TextField(_("security measures"))
    dpia_reference = models.CharField(
        _("data protection impact assessment reference"), max_length=120, blank=True
    )
    start_date = models.DateField(_("start date"))
    review_date = models.DateField(_("review date"))
    expiry_date = models.DateField(
        _("expiry date"), help_text=_("The first day on which the agreement no longer applies.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_agreements",
        verbose_name=_("responsible officer"),
        help_text=_("Receives the review and expiry reminders with the signatories."),
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        editable=False,
    )
    ended_reason = models.TextField(_("why it ended"), blank=True, editable=False)
    review_reminded_on = models.DateField(null=True, blank=True, editable=False)
    expiry_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("title"), FieldPanel("reference"), FieldPanel("purpose")],
            heading=_("Agreement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lawful_basis"),
                FieldPanel("lawful_basis_detail"),
                FieldPanel("special_category"),
                FieldPanel("article_9_condition"),
                FieldPanel("schedule_1_condition"),
                FieldPanel("dpia_reference"),
            ],
            heading=_("Lawful basis"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("data_categories"),
                FieldPanel("retention"),
                FieldPanel("security_measures"),
            ],
            heading=_("Data and safeguards"),
        ),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("review_date"), FieldPanel("expiry_date")],
            heading=_("Dates"),
        ),
        FieldPanel("owner"),
        InlinePanel("parties", label=_("Partner organisations"), min_num=1),
        InlinePanel(
            "grants",
            label=_("What it shares"),
            panels=[FieldPanel("organisation"), FieldPanel("scope"), FieldPanel("access")],
        ),
        InlinePanel(
            "signatories",
            label=_("Signatories"),
            help_text=_(
                "At least one for each organisation and one for the city (leave the "
                "organisation empty for the city)."
            ),
            panels=[FieldPanel("organisation"), FieldPanel("user"), FieldPanel("role")],
        ),
    ]

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("information-sharing agreement")
        verbose_name_plural = _("information-sharing agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_date__lte=models.F("expiry_date"))
                & Q(start_date__lt=models.F("expiry_date")),
                name="agreement_dates_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        """The lawful basis fits together, and the dates are in order."""
        errors = {}
        if self.special_category:
            if not self.article_9_condition:
                errors["article_9_condition"] = _(
                    "Special-category data needs an Article 9 condition: choose one."
                )
            if not self.schedule_1_condition:
                errors["schedule_1_condition"] = _(
                    "Special-category data needs the Schedule 1 condition too: choose "
                    "one, or “No Schedule 1 condition is needed” for Article 9(2)(a), "
                    "(c), (d), (e) or (f)."
                )
            elif self.article_9_condition and not schedule_1_fits(
                self.article_9_condition, self.schedule_1_condition
            ):
                errors["schedule_1_condition"] = _(
                    "This Schedule 1 condition does not go with the Article 9 condition "
                    "chosen: Article 9(2)(g) takes a substantial public interest "
                    "condition (paragraphs 6 to 28), (b), (h), (i) and (j) take "
                    "paragraphs 1 to 4, and the others need none."
                )
            if not self.dpia_reference.strip():
                errors["dpia_reference"] = _(
                    "Sharing special-category data needs a data protection impact "
                    "assessment: give its reference."
                )
        else:
            for name in ("article_9_condition", "schedule_1_condition"):
                if getattr(self, name):
                    errors[name] = _(
                        "Leave this empty, or tick “special-category data” if the "
                        "agreement shares it."
                    )
        if self.start_date and self.expiry_date and self.expiry_date <= self.start_date:
            errors["expiry_date"] = _("The expiry date must come after the start date.")
        if self.review_date and self.expiry_date and self.review_date > self.expiry_date:
            errors["review_date"] = _("The review date must be on or before the expiry date.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, today=None):
        """The status people see on `today`: the stored one while a draft or after it
        ended, otherwise computed from the dates and signatures (as `in_force`)."""
        today = today or timezone.localdate()
        if self.status == AgreementStatus.DRAFT or self.status in ENDED_STATUSES:
            return self.status
        if today >= self.expiry_date:
            return AgreementStatus.EXPIRED
        if self.fully_signed() and self.start_date <= today:
            return AgreementStatus.IN_FORCE
        return AgreementStatus.AWAITING_SIGNATURES

    def get_status_on_display(self, today=None):
        return AgreementStatus(self.status_on(today)).label

    def is_in_force(self, today=None):
        return self.status_on(today) == AgreementStatus.IN_FORCE

    def fully_signed(self):
        """Every signatory has signed, none withdrew, and the city and every party
        have at least one signature (uses prefetched rows when there are some).
        Transitional agreements (made by migration 0006) need no signatures."""
        if self.is_transitional:
            return True
        signatories = list(self.signatories.all())
        if any(s.signed_at is None or s.withdrawn_at is not None for s in signatories):
            return False
        signed_for = {s.organisation_id for s in signatories}
        parties = {party.organisation_id for party in self.parties.all()}
        return None in signed_for and parties <= signed_for

    @property
    def data_category_list(self):
        return [line.strip() for line in self.data_categories.splitlines() if line.strip()]


class AgreementParty(Orderable):
    """A partner organisation that is a party to an agreement (the city always is)."""

    agreement = ParentalKey(
        InformationSharingAgreement, on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("partner organisation"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="unique_agreement_party"
            )
        ]

    def __str__(self):
        return str(self.organisation)


class AgreementSignatory(Orderable):
    """A person who signs an agreement for a party organisation, or for the city when
    `organisation` is empty. Signing and withdrawing happen in Engage, by that person."""

    agreement = ParentalKey(
        InformationSharingAgreement, on_delete=models.CASCADE, related_name="signatories"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_signatories",
        verbose_name=_("signs for"),
        help_text=_("Leave empty when the person signs for the city."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreement_signatures",
        verbose_name=_("signatory"),
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True, editable=False)

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation", "user"],
                name="unique_agreement_signatory",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.signs_for})"

    @property
    def signs_for(self):
        return self.organisation.name if self.organisation_id else _("the city")

    @property
    def state(self):
        if self.withdrawn_at:
            return "withdrawn"
        return "signed" if self.signed_at else "pending"


class AgreementEvent(models.Model):
    """One step in an agreement's life (sent for signature, signed, withdrawn,
    terminated, expired, reminded, audit downloaded…): the agreement's audit trail."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        SUBMITTED = "submitted", _("sent for signature")
        SIGNED = "signed", _("signed")
        SIGNATURE_WITHDRAWN = "signature_withdrawn", _("signature withdrawn")
        IN_FORCE = "in_force", _("came into force")
        TERMINATED = "terminated", _("terminated")
        EXPIRED = "expired", _("expired")
        REMINDED = "reminded", _("reminder sent")
        AUDIT_DOWNLOADED = "audit_downloaded", _("audit report downloaded")

    agreement = models.ForeignKey(
        InformationSharingAgreement, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")

    def __str__(self):
        return f"{self.agreement_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
