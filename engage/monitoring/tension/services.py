"""Writes of tension assessments: submitting and revising. Each write saves the
assessment, a new `AssessmentVersion` (the full state) and an `AuditEntry` in one
transaction, and logs to the "engage.audit" logger."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Assessment, AssessmentVersion, AuditEntry
from .rules import organisations_for_area

audit_log = logging.getLogger("engage.audit")

FIELDS = ("level", "trend", "context", "confidence", "sources")


def _snapshot(assessment, indicators, number, user):
    return AssessmentVersion(
        assessment=assessment,
        number=number,
        level=assessment.level,
        trend=assessment.trend,
        indicators=[{"code": item.code, "name": item.name} for item in indicators],
        context=assessment.context,
        confidence=assessment.confidence,
        sources=assessment.sources,
        author=user,
    )


def _check(data):
    if data["period_end"] < data["period_start"]:
        raise ValidationError(
            {"period_end": _("The period must end on or after the day it starts.")}
        )


def submit_assessment(user, *, area, period_start, period_end, indicators=(), **fields):
    """A new assessment of `area` by the user's partner organisation (the one whose
    grant covers the area). Raises PermissionDenied without such a grant, and
    ValidationError when the organisation already assessed that area and period."""
    _check({"period_start": period_start, "period_end": period_end})
    organisation = organisations_for_area(user, area).order_by("pk").first()
    if organisation is None:
        raise PermissionDenied(
            _("Your organisation has no data-sharing grant for this area: ask city staff for one.")
        )
    indicators = list(indicators)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                organisation=organisation,
                area=area,
                period_start=period_start,
                period_end=period_end,
                created_by=user,
                version=1,
                **{name: fields.get(name, "") for name in FIELDS},
            )
            assessment.indicators.set(indicators)
            _snapshot(assessment, indicators, 1, user).save()
            AuditEntry.objects.create(
                assessment=assessment,
                version=1,
                action=AuditEntry.Action.SUBMITTED,
                user=user,
                organisation=organisation,
                changes=["level", "trend", "indicators", "context", "confidence", "sources"],
            )
    except IntegrityError as error:
        raise ValidationError(
            _(
                "%(organisation)s has already assessed %(area)s for this period. Open that "
                "assessment and revise it instead."
            )
            % {"organisation": organisation.name, "area": area.name}
        ) from error
    audit_log.info(
        "tension assessment %s submitted: area=%s user=%s", assessment.pk, area.code, user.pk
    )
    return assessment


def revise_assessment(user, assessment, *, indicators=(), **fields):
    """Save a new version of `assessment` with the given fields. A save that changes
    nothing writes nothing and returns the assessment as it was."""
    indicators = list(indicators)
    with transaction.atomic():
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        before_indicators = set(current.indicators.values_list("pk", flat=True))
        changes = [
            name for name in FIELDS if name in fields and getattr(current, name) != fields[name]
        ]
        if {item.pk for item in indicators} != before_indicators:
            changes.append("indicators")
        if not changes:
            return current
        for name in FIELDS:
            if name in fields:
                setattr(current, name, fields[name])
        current.version += 1
        current.updated_at = timezone.now()
        current.save()
        current.indicators.set(indicators)
        _snapshot(current, indicators, current.version, user).save()
        AuditEntry.objects.create(
            assessment=current,
            version=current.version,
            action=AuditEntry.Action.REVISED,
            user=user,
            organisation=current.organisation,
            changes=changes,
        )
    audit_log.info(
        "tension assessment %s revised to version %s: user=%s changed=%s",
        current.pk,
        current.version,
        user.pk,
        ",".join(changes),
    )
    return current
