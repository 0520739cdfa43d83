"""Information requests between agencies: a partner asks the city for one aggregate.

A member of a partner organisation asks, under an agreement in force, for the
representation of one scope by one or more dimensions over a period, for a stated
purpose. City staff approve it, narrow it (a smaller scope, fewer dimensions) or
decline it with a reason. The answer is made by Engage from the suppressed
representation reports only (`publishable_report`), stored on the request as it was
given, and downloaded by the partner (each download is an `ExportRecord` under the
agreement). Writes: `engage.policy.services.requests`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .agreements import InformationSharingAgreement
from .partners import PartnerOrganisation


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for a decision")
    APPROVED = "approved", _("approved and answered")
    NARROWED = "narrowed", _("narrowed and answered")
    DECLINED = "declined", _("declined")


class InformationRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Requests of the active organisations `user` is a member of (staff read all
        through `rules`; this is the partner's own list)."""
        return self.filter(
            organisation__is_active=True, organisation__memberships__user=user
        ).distinct()

    def pending(self):
        return self.filter(status=RequestStatus.SUBMITTED)

    def answered(self):
        return self.filter(status__in=[RequestStatus.APPROVED, RequestStatus.NARROWED])


class InformationRequest(models.Model):
    """A partner's request for a specific aggregate, and the city's answer."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("partner organisation"),
    )
    agreement = models.ForeignKey(
        InformationSharingAgreement,
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("under the agreement"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("asked by"),
    )
    scope = models.CharField(_("scope"), max_length=80)
    dimensions = models.ManyToManyField(
        "communities.Dimension", related_name="+", verbose_name=_("dimensions")
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    purpose = models.TextField(_("purpose"))
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    answer_scope = models.CharField(_("answered scope"), max_length=80, blank=True)
    answer_dimensions = models.ManyToManyField(
        "communities.Dimension", related_name="+", blank=True, verbose_name=_("answered dimensions")
    )
    answer = models.JSONField(_("answer"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self):
        return f"{self.organisation}: {self.scope} ({self.get_status_display()})"

    @property
    def is_answered(self):
        return self.status in (RequestStatus.APPROVED, RequestStatus.NARROWED)
