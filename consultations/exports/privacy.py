"""Export jobs a person started, for "download my data" and account deletion, and their
retention. The jobs and their files go with the account; the records of what was
downloaded (`policy.ExportRecord`) stay, as the audit trail."""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry
from engage.accounts.privacy.retention import deleted

from . import services
from .models import ExportJob


def erase(user, keep_content):
    for job in ExportJob.objects.filter(requester=user):
        services.expire(job)
    ExportJob.objects.filter(requester=user).delete()


def _old_jobs(cutoff):
    services.purge_expired_exports()
    return deleted(ExportJob.objects.filter(created_at__lt=cutoff))


def register():
    registry.register_section(
        "consultation_exports",
        _("Consultation exports you started"),
        order=80,
        tables=[
            registry.Table(
                "export_jobs",
                lambda user: ExportJob.objects.filter(requester=user),
                exclude=("file_name", "error"),
            )
        ],
        erase=erase,
    )
    registry.register_retention(
        "export_jobs",
        _("Background export jobs (files are deleted when their link expires)"),
        ExportJob,
        holds=_("who started which export, when; the file until the link expires"),
        lawful_basis=bases.LEGAL_OBLIGATION,
        apply=_old_jobs,
    )
