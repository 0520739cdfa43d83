"""Writes and reads of the cohesion section (see models.py).

`section_for_consultation` and `section_for_decision` create a section once, its groups
pre-filled; `save_section` writes one in a transaction and logs it to the audit trail.
`alerts_to_consider` and `assessments_of` read what a section links to.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from engage.impact.models import ImpactAssessment

from .alerts import ALERT_LEAD_TIME, DECISION_ALERT_WEEKS, alerts_to_consider  # noqa: F401
from .models import CohesionSection

audit_log = logging.getLogger("engage.audit")


def is_required():
    """Whether a consultation needs a complete section before it is published."""
    return bool(getattr(settings, "COHESION_SECTION_REQUIRED", True))


def _default_language_value(section, name):
    code = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return (getattr(section, f"{name}_{code}", None) or getattr(section, name, "") or "").strip()


def is_complete(section):
    """What was considered and the residents' summary are written (default language)."""
    return section is not None and bool(
        _default_language_value(section, "considered")
        and _default_language_value(section, "resident_summary")
    )


def consultation_has_complete_section(page):
    section = CohesionSection.objects.filter(consultation_id=page.pk).first()
    return is_complete(section)


def decision_has_complete_section(assessment):
    section = CohesionSection.objects.filter(assessment_id=assessment.pk).first()
    return is_complete(section)


def decision_publication_problem(assessment):
    """A publication check for engage/impact (registered in apps.py): a standalone
    decision record needs its complete section before it is published."""
    if assessment.subject_scope or not is_required():
        return None
    if decision_has_complete_section(assessment):
        return None
    return _(
        "This policy decision record cannot be published yet: it needs its cohesion and "
        "polarisation section, saying what was considered about relations between "
        "communities and summing it up for residents in plain words. Write the section "
        "(Engage menu, Cohesion sections), then publish again."
    )


@transaction.atomic
def section_for_consultation(page, *, by=None):
    """The consultation's section, created (groups = its directly affected groups and
    wider audience) when it has none."""
    section, created = CohesionSection.objects.get_or_create(
        consultation_id=page.pk, defaults={"updated_by": by}
    )
    if created:
        section.groups.set([*page.affected_groups.all(), *page.wider_audience.all()])
        audit_log.info("cohesion section %s created for consultation %s", section.pk, page.pk)
    return section


@transaction.atomic
def section_for_decision(assessment, *, by=None):
    """The section of a standalone decision record (an impact assessment without a
    consultation), created with the groups its rows mark as affected or wider."""
    if assessment.subject_scope:
        raise ValidationError(
            _(
                "This impact assessment belongs to a consultation: add the cohesion "
                "section to the consultation instead."
            )
        )
    section, created = CohesionSection.objects.get_or_create(
        assessment=assessment, defaults={"updated_by": by}
    )
    if created:
        section.groups.set(
            assessment.rows.filter(Q(directly_affected=True) | Q(wider_audience=True)).values_list(
                "category_id", flat=True
            )
        )
        audit_log.info(
            "cohesion section %s created for decision record %s", section.pk, assessment.pk
        )
    return section


@transaction.atomic
def save_section(section, *, by, groups=None, alerts=None, **texts):
    """Write the texts (e.g. `considered_en="…"`), groups and alerts of `section`."""
    for name, value in texts.items():
        setattr(section, name, value)
    section.updated_by = by
    section.full_clean(exclude=["groups", "alerts"])
    section.save()
    if groups is not None:
        section.groups.set(groups)
    if alerts is not None:
        section.alerts.set(alerts)
    audit_log.info("cohesion section %s saved by user=%s", section.pk, getattr(by, "pk", None))
    return section


def assessments_of(section):
    """The impact assessments behind a section: the consultation's, or the decision
    record itself."""
    if section.consultation_id:
        return ImpactAssessment.objects.for_subject(section.subject_scope)
    return ImpactAssessment.objects.filter(pk=section.assessment_id)
