"""What tension assessments hold about a person (the assessments, versions and audit
entries they wrote as a partner member), for "download my data". They are professional
records of an agency: on account deletion they stay, pointing at the emptied account."""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import Assessment, AssessmentVersion, AuditEntry


def register():
    registry.register_section(
        "tension",
        _("Tension assessments you wrote"),
        order=61,
        tables=[
            registry.Table(
                "tension_assessments", lambda user: Assessment.objects.filter(created_by=user)
            ),
            registry.Table(
                "tension_assessment_versions",
                lambda user: AssessmentVersion.objects.filter(author=user),
            ),
            registry.Table(
                "tension_audit_entries", lambda user: AuditEntry.objects.filter(user=user)
            ),
        ],
    )
