"""What hate incident reporting holds about a person, for "download my data" and
account deletion (`engage.accounts.privacy.registry`), and its retention rule.

A signed-in reporter's download has their reports with the text they wrote, decrypted;
deleting the account deletes those reports. Triage events name the staff member who
acted (their own actions are in their download). Reports made anonymously belong to no
account: their reporter deletes them with the private link.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry

from . import services
from .models import IncidentEvent, IncidentReport


def _reports(user):
    rows = IncidentReport.objects.of_reporter(user).select_related("area").order_by("pk")
    return {
        "incident_reports": [
            {
                "reference": row.reference,
                "reported_at": registry.plain(row.created_at),
                "occurred_on": registry.plain(row.occurred_on),
                "ward": row.area.name if row.area_id else None,
                "characteristic": row.get_characteristic_display(),
                "reported_to_police": row.get_reported_to_police_display(),
                "what_happened": row.description,
                "wants_contact": row.wants_contact,
                "contact": row.contact,
                "consent_to_share": row.consent_to_share,
                "status": row.get_status_display(),
            }
            for row in rows
        ]
    }


def erase(user, keep_content):
    # Reports are about the person (special-category data): they go even when other
    # content is kept.
    IncidentReport.objects.of_reporter(user).delete()


def _expired(cutoff):
    return services.purge_expired_reports(cutoff)


def register():
    registry.register_section(
        "incidents",
        _("Hate incident reports"),
        order=60,
        tables=[
            registry.Table(
                "incident_triage_actions",
                lambda user: IncidentEvent.objects.filter(actor=user),
                fields=("report", "action", "status", "organisation", "created_at"),
            )
        ],
        export=_reports,
        covers=(IncidentReport,),
        erase=erase,
    )
    # The period is INCIDENT_RETENTION_DAYS (engage/settings/monitoring.py); the rule is
    # listed once the project's settings include that module.
    if isinstance(getattr(settings, "INCIDENT_RETENTION_DAYS", None), int):
        registry.register_retention(
            "incident_reports",
            _("Hate incident reports (days after they were made)"),
            IncidentReport,
            holds=_(
                "what happened, the ward, the characteristic targeted and any contact "
                "details (encrypted)"
            ),
            lawful_basis=bases.PUBLIC_TASK,
            apply=_expired,
            setting="INCIDENT_RETENTION_DAYS",
        )
