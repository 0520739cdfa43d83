"""The cohesion and polarisation section: one standing record per consultation or per
policy decision record (a standalone impact assessment, blank `subject_scope`).

It says what was considered, which community groups (pre-filled with the consultation's
directly affected groups and wider audience), the conclusions of the impact assessment
(the assessment itself and its displacement warnings are linked, read live), the
early-warning alerts considered, and a plain-words summary for residents. Text fields
have a column per language (translation.py). Written through `services`; required
before a consultation is published when `COHESION_SECTION_REQUIRED` is true
(wagtail_hooks.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .forms import CohesionSectionForm


class CohesionSectionQuerySet(models.QuerySet):
    def for_consultation(self, page):
        """The section of one consultation (a queryset of at most one row)."""
        return self.filter(consultation_id=getattr(page, "pk", page))

    def for_decisions(self):
        """Sections of standalone policy decision records."""
        return self.filter(assessment__isnull=False)

    def complete(self):
        """Sections with what was considered and the residents' summary written."""
        return self.exclude(considered="").exclude(resident_summary="")


class CohesionSection(models.Model):
    """What a decision weighed about community relations (see the module docstring)."""

    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cohesion_section",
        verbose_name=_("consultation"),
    )
    assessment = models.OneToOneField(
        "impact.ImpactAssessment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cohesion_section",
        verbose_name=_("policy decision record"),
        help_text=_("A standalone impact assessment of a decision without a consultation."),
    )
    considered = models.TextField(
        _("what was considered"),
        blank=True,
        help_text=_(
            "How this decision could affect relations between communities: tensions, "
            "isolation, rumours, who gains and who loses."
        ),
    )
    groups = models.ManyToManyField(
        "communities.Category",
        blank=True,
        related_name="cohesion_sections",
        verbose_name=_("groups considered"),
    )
    conclusions = models.TextField(
        _("conclusions of the impact assessment"),
        blank=True,
        help_text=_("What the impact assessment concluded and what will change because of it."),
    )
    alerts = models.ManyToManyField(
        "monitoring_alerts.Alert",
        blank=True,
        related_name="+",
        verbose_name=_("alerts considered"),
    )
    alerts_note = models.TextField(
        _("what the alerts changed"),
        blank=True,
        help_text=_("What the early-warning alerts in the area and period meant for the decision."),
    )
    resident_summary = models.TextField(
        _("summary for residents"),
        blank=True,
        help_text=_("Three or four plain sentences residents will read on the consultation page."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CohesionSectionQuerySet.as_manager()

    base_form_class = CohesionSectionForm
    panels = [
        MultiFieldPanel(
            [FieldPanel("consultation"), FieldPanel("assessment")],
            heading=_("What this section is about"),
        ),
        FieldPanel("considered"),
        FieldPanel("groups"),
        FieldPanel("conclusions"),
        FieldPanel("alerts"),
        FieldPanel("alerts_note"),
        FieldPanel("resident_summary"),
    ]

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("cohesion and polarisation section")
        verbose_name_plural = _("cohesion and polarisation sections")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(consultation__isnull=False, assessment__isnull=True)
                    | models.Q(consultation__isnull=True, assessment__isnull=False)
                ),
                name="cohesion_section_one_subject",
            )
        ]

    def __str__(self):
        subject = self.consultation or self.assessment
        return _("Cohesion section: %(subject)s") % {"subject": subject}

    @property
    def subject_scope(self):
        """ "consultation:<id>" for a consultation's section; "" for a decision record."""
        return f"consultation:{self.consultation_id}" if self.consultation_id else ""

    @property
    def is_complete(self):
        """Both required texts written (in the default language)."""
        return bool((self.considered or "").strip() and (self.resident_summary or "").strip())
