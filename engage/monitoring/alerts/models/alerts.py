"""Alerts, their response log and the people subscribed to alert emails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import (
    has_mfa,
    is_city_staff,
    is_partner_member,
    partner_grants_used,
)
from engage.policy.models import PartnerGrant

from .rules import AlertRule


class AlertQuerySet(models.QuerySet):
    def open(self):
        """Alerts not yet closed (new or acknowledged)."""
        return self.exclude(status=Alert.Status.CLOSED)

    def visible_to(self, user):
        """The alerts `user` may read: every one for city staff (with TOTP); for a
        partner member (with TOTP), those whose scope a view or export grant covers (a
        city grant covers all); none for anyone else. Mirrors `access.may_view_alert`."""
        if not has_mfa(user):
            return self.none()
        if is_city_staff(user):
            return self
        if not is_partner_member(user):
            return self.none()
        used = partner_grants_used(
            user,
            {PartnerGrant.Access.VIEW_REPORTS, PartnerGrant.Access.EXPORT},
            kinds={"city", "area", "consultation"},
        )
        scopes = {scope.strip() for scope, _access in used}
        if "city" in scopes:
            return self
        return self.filter(scope__in=scopes)


class Alert(models.Model):
    """A departure a rule found in one scope (`area:<code>` or `consultation:<id>`) in
    one week, with its evidence, and what the city did about it.

    One alert per rule, series, scope and week (`period`, the Monday). `explanation` is
    the rule's text filled in the site's default language when raised (the command
    prints it); pages and emails fill the rule's text again in the reader's language
    from `evidence`. `consultations` and `policy_areas` (ids and codes) are where the
    texts of the area and week were written, found when it was raised.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("new")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        CLOSED = "closed", _("closed")

    rule = models.ForeignKey(
        AlertRule, on_delete=models.PROTECT, related_name="alerts", verbose_name=_("rule")
    )
    series = models.CharField(_("series"), max_length=80, blank=True)
    scope = models.CharField(_("scope"), max_length=80)
    area = models.CharField(_("area"), max_length=50, blank=True)
    period = models.DateField(_("week"), help_text=_("The Monday of the week judged."))
    evidence = models.JSONField(_("evidence"), default=dict)
    explanation = models.TextField(_("explanation"))
    consultations = models.JSONField(_("consultations concerned"), default=list, blank=True)
    policy_areas = models.JSONField(_("policy areas concerned"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    action_taken = models.TextField(_("what was done"), blank=True)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-period", "-raised_at", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "series", "scope", "period"], name="monitoring_alert_once"
            )
        ]
        indexes = [
            models.Index(fields=["status", "-period"], name="monitoring_alert_status_idx"),
            models.Index(fields=["scope", "-period"], name="monitoring_alert_scope_idx"),
        ]

    def __str__(self):
        return _("%(rule)s in %(scope)s, week of %(week)s") % {
            "rule": self.rule,
            "scope": self.scope,
            "week": self.period.isoformat(),
        }


class AlertEvent(models.Model):
    """One line of an alert's response log: raised, acknowledged, assigned, a note,
    closed (with what was done). Written only by `services`; never edited."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("raised")
        ACKNOWLEDGED = "acknowledged", _("acknowledged")
        ASSIGNED = "assigned", _("assigned")
        NOTE = "note", _("note")
        CLOSED = "closed", _("closed")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("alert response")
        verbose_name_plural = _("alert responses")

    def __str__(self):
        return f"{self.alert_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class AlertSubscription(models.Model):
    """Someone who asked for alert emails (staff, or partner members within their
    grants). Removing the row unsubscribes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_subscription"
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert email subscription")
        verbose_name_plural = _("alert email subscriptions")

    def __str__(self):
        return str(self.user_id)
