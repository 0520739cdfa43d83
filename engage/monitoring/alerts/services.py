"""Writes of early warning: raising an alert, the response workflow and subscriptions.

Every write records a line of the response log (`AlertEvent`). Emails about a new alert
go to each subscribed person who may receive it (`access.may_receive_alert`), in their
language, through `engage.tasks.send_email_in_language`, after commit and isolated
(`on_commit_safely`): a mail server that is down never undoes an alert.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import is_city_staff
from engage.after_commit import on_commit_safely
from engage.communities.scopes import Scope
from engage.insights.models import TextAnalysis
from engage.links import absolute_url
from engage.tasks import language_for, send_email_in_language

from . import access, explain
from . import rules as maths
from .models import Alert, AlertEvent, AlertSubscription
from .text_series import day_bounds

logger = logging.getLogger("engage.monitoring.alerts")

# How many consultations an alert links to at most (those with the most texts).
MAX_CONSULTATIONS = 5


def concerned(scope, week):
    """(consultation ids, policy area codes) where the texts of `scope` were written in
    the week of `week`: one grouped query each."""
    parsed = Scope.parse(scope)
    start, end = day_bounds(week, week + datetime.timedelta(days=6))
    rows = TextAnalysis.objects.filter(content_visible=True)
    if parsed.kind == "area":
        rows = rows.filter(
            area=parsed.key, content_created_at__gte=start, content_created_at__lt=end
        )
    else:
        rows = rows.filter(consultation=int(parsed.key))
    consultations = [
        row["consultation"]
        for row in rows.filter(consultation__isnull=False)
        .values("consultation")
        .annotate(n=Count("consultation"))
        .order_by("-n", "consultation")[:MAX_CONSULTATIONS]
    ]
    if parsed.kind == "consultation":
        consultations = [int(parsed.key)]
    policy_areas = sorted(
        set(rows.filter(policy_area__isnull=False).values_list("policy_area", flat=True).distinct())
    )
    return consultations, policy_areas


def raise_alert(rule, series_key, scope, finding):
    """Store the alert of `finding` unless the same rule already alerted the same
    series, scope and week (then None), log it and email the subscribers after commit."""
    consultations, policy_areas = concerned(scope, finding.week)
    compared = [week.isoformat() for week in finding.compared] if finding.compared else None
    parsed = Scope.parse(scope)
    alert = Alert(
        rule=rule,
        series=series_key,
        scope=scope,
        area=parsed.key if parsed.kind == "area" else "",
        period=finding.week,
        evidence={
            "figures": {k: _plain(v) for k, v in finding.figures.items()},
            "compared": compared,
        },
        consultations=consultations,
        policy_areas=policy_areas,
    )
    alert.explanation = explain.explanation(alert, settings.LANGUAGE_CODE)
    try:
        with transaction.atomic():
            alert.save()
            AlertEvent.objects.create(alert=alert, kind=AlertEvent.Kind.RAISED)
    except IntegrityError:
        return None  # raised meanwhile by another run: de-duplicated
    logger.info("Alert %s raised: rule %s, %s, %s", alert.pk, rule.pk, scope, alert.period)
    for user in recipients(alert):
        on_commit_safely(
            lambda user=user: email_alert(alert, user), f"email alert {alert.pk} to {user.pk}"
        )
    return alert


def _plain(value):
    if isinstance(value, float):
        return round(value, 4)
    return value


def recipients(alert):
    """Subscribed, active people with an address who may receive `alert`."""
    people = (
        get_user_model()
        .objects.filter(alert_subscription__isnull=False, is_active=True, email__gt="")
        .order_by("pk")
    )
    return [user for user in people if access.may_receive_alert(user, alert)]


def email_alert(alert, user):
    """Enqueue the email about `alert` to `user`, in their language."""
    language = language_for(user)
    with translation.override(language):
        context = {
            "rule": str(alert.rule.name),
            "area": explain.scope_label(alert),
            "explanation": explain.explanation(alert, language),
            "scope": alert.scope,
            "period": maths.iso_week(alert.period),
            "url": alert_url(alert, language),
        }
    send_email_in_language.enqueue(
        user.pk,
        "monitoring_alerts/email/alert_subject.txt",
        "monitoring_alerts/email/alert_body.txt",
        context,
    )


def alert_url(alert, language):
    with translation.override(language):
        path = reverse("monitoring_alerts:alert", args=[alert.pk])
    return absolute_url(path)


def _require_manager(user):
    if not access.can_manage_alerts(user):
        raise PermissionDenied


def _log(alert, kind, user, text=""):
    return AlertEvent.objects.create(alert=alert, kind=kind, user=user, text=text)


def _refuse_closed(alert):
    if alert.status == Alert.Status.CLOSED:
        raise ValidationError(_("This alert is closed already."), code="closed")


@transaction.atomic
def acknowledge(alert, user):
    """Mark `alert` as seen by `user` (city staff)."""
    _require_manager(user)
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    _refuse_closed(alert)
    if alert.status == Alert.Status.OPEN:
        alert.status = Alert.Status.ACKNOWLEDGED
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["status", "acknowledged_at"])
        _log(alert, AlertEvent.Kind.ACKNOWLEDGED, user)
    return alert


@transaction.atomic
def assign(alert, user, assignee):
    """Give `alert` to `assignee` (a member of city staff); acknowledges it too."""
    _require_manager(user)
    if assignee is None or not is_city_staff(assignee):
        raise ValidationError(_("Choose a member of city staff."), code="assignee")
    alert = acknowledge(alert, user)
    alert.assigned_to = assignee
    alert.save(update_fields=["assigned_to"])
    _log(alert, AlertEvent.Kind.ASSIGNED, user, assignee.email)
    return alert


@transaction.atomic
def add_note(alert, user, text):
    """Add a note to the response log of `alert`."""
    _require_manager(user)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the note before saving it."), code="empty")
    _log(alert, AlertEvent.Kind.NOTE, user, text)
    return alert


@transaction.atomic
def close(alert, user, action_taken):
    """Close `alert` with what was done (required: the response the city made)."""
    _require_manager(user)
    action_taken = (action_taken or "").strip()
    if not action_taken:
        raise ValidationError(
            _("Say what was done before closing the alert: the response is the record."),
            code="action_required",
        )
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    _refuse_closed(alert)
    now = timezone.now()
    alert.status = Alert.Status.CLOSED
    alert.action_taken = action_taken
    alert.closed_at = now
    alert.acknowledged_at = alert.acknowledged_at or now
    alert.save(update_fields=["status", "action_taken", "closed_at", "acknowledged_at"])
    _log(alert, AlertEvent.Kind.CLOSED, user, action_taken)
    return alert


def set_subscription(user, subscribed):
    """Subscribe `user` to alert emails, or unsubscribe them."""
    if not access.can_view_alerts(user):
        raise PermissionDenied
    if subscribed:
        AlertSubscription.objects.get_or_create(user=user)
    else:
        AlertSubscription.objects.filter(user=user).delete()
