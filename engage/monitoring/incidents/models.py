"""Tables of hate incident reports and police-recorded hate crime.

An `IncidentReport` is special-category data: what happened and how to contact the
reporter are stored only encrypted (`crypto`); the ward, date and characteristic are
kept plain so that they can be counted. `IncidentEvent` is the append-only audit trail
of triage (status changes, referrals, partners opening a report). `RecordedHateCrime`
holds published police-recorded counts per area, period and category.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import crypto


class Characteristic(models.TextChoices):
    """The characteristic an incident targeted (the five monitored strands, and other)."""

    RACE = "race", _("Race or ethnicity")
    RELIGION = "religion", _("Religion or belief")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    DISABILITY = "disability", _("Disability")
    TRANSGENDER = "transgender", _("Transgender identity")
    OTHER = "other", _("Something else")


class PoliceAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("I'm not sure")


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("incident report status", "New")
    REFERRED = "referred", pgettext_lazy("incident report status", "Referred")
    CLOSED = "closed", pgettext_lazy("incident report status", "Closed")


def new_reference():
    """A short code a person can read out on the phone: HIR- and 8 letters/digits."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "HIR-" + "".join(secrets.choice(alphabet) for _position in range(8))


def hash_secret(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class IncidentReportQuerySet(models.QuerySet):
    def of_reporter(self, user):
        """Reports made by `user` while signed in (and not made anonymously)."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(reporter=user)

    def referred_to_partner_of(self, user):
        """Reports referred to an active partner organisation `user` is a member of."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(
            referred_to__is_active=True, referred_to__memberships__user=user
        ).distinct()

    def created_before(self, moment):
        return self.filter(created_at__lt=moment)


class IncidentReport(models.Model):
    """One third-party report of a hate incident (see the module docstring)."""

    reference = models.CharField(_("reference"), max_length=16, unique=True, default=new_reference)
    # SHA-256 of the secret in the reporter's status link; the secret itself is shown once.
    secret_hash = models.CharField(max_length=64, editable=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incident_reports",
        verbose_name=_("reporter"),
        help_text=_("Empty when the report was made anonymously."),
    )
    area = models.ForeignKey(
        "communities.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident_reports",
        verbose_name=_("ward"),
    )
    characteristic = models.CharField(
        _("characteristic targeted"), max_length=32, choices=Characteristic.choices
    )
    occurred_on = models.DateField(_("when it happened"))
    reported_to_police = models.CharField(
        _("reported to the police"), max_length=16, choices=PoliceAnswer.choices
    )
    wants_contact = models.BooleanField(_("wants to be contacted"), default=False)
    consent_to_share = models.BooleanField(_("consents to sharing with partners"), default=False)
    description_encrypted = models.TextField(_("what happened (encrypted)"), editable=False)
    contact_encrypted = models.TextField(
        _("contact details (encrypted)"), blank=True, editable=False
    )
    language = models.CharField(_("language of the form"), max_length=12, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    referred_to = models.ForeignKey(
        "policy.PartnerOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident_referrals",
        verbose_name=_("referred to"),
    )
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = IncidentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hate incident report")
        verbose_name_plural = _("hate incident reports")

    def __str__(self):
        return self.reference

    @property
    def description(self):
        """What happened, decrypted (raises crypto.DecryptionError with a wrong key)."""
        return crypto.decrypt(self.description_encrypted)

    @description.setter
    def description(self, text):
        self.description_encrypted = crypto.encrypt(text)

    @property
    def contact(self):
        return crypto.decrypt(self.contact_encrypted)

    @contact.setter
    def contact(self, text):
        self.contact_encrypted = crypto.encrypt(text)

    def set_secret(self):
        """A new secret for the status link; returns it (only its hash is stored)."""
        secret = secrets.token_urlsafe(24)
        self.secret_hash = hash_secret(secret)
        return secret

    def secret_matches(self, secret):
        return bool(secret) and secrets.compare_digest(self.secret_hash, hash_secret(secret))


class IncidentEvent(models.Model):
    """One step of a report's triage, for the audit trail (append-only)."""

    class Action(models.TextChoices):
        STATUS = "status", _("status changed")
        REFERRED = "referred", _("referred to a partner")
        PARTNER_VIEWED = "partner_viewed", _("opened by the partner")
        STAFF_VIEWED = "staff_viewed", _("opened by staff")

    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="events")
    # Who acted; SET_NULL so the trail outlives a staff account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, blank=True)
    organisation = models.ForeignKey(
        "policy.PartnerOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("incident report event")
        verbose_name_plural = _("incident report events")

    def __str__(self):
        return f"{self.report_id} {self.action}"


class RecordedHateCrime(models.Model):
    """A police-recorded hate crime count for an area, period and category, as published
    (imported by `import_recorded_hate_crime`). A period is a calendar month or an ISO
    week; `starts_on` is its first day."""

    class Period(models.TextChoices):
        MONTH = "month", _("month")
        WEEK = "week", _("week")

    area = models.ForeignKey(
        "communities.Area", on_delete=models.CASCADE, related_name="recorded_hate_crime"
    )
    period_kind = models.CharField(_("period"), max_length=8, choices=Period.choices)
    starts_on = models.DateField(_("first day of the period"))
    category = models.CharField(_("category"), max_length=64)
    count = models.PositiveIntegerField(_("count"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["area", "starts_on", "category"]
        verbose_name = _("recorded hate crime count")
        verbose_name_plural = _("recorded hate crime counts")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "period_kind", "starts_on", "category"],
                name="unique_recorded_hate_crime_count",
            )
        ]

    def __str__(self):
        return f"{self.area_id} {self.starts_on} {self.category}: {self.count}"
