"""What the policy app holds about a person (partner memberships, the exports they
made, the policy areas they lead, their signatures of agreements, their accesses under
agreements and their information requests), for "download my data" and account
deletion, and the export records' retention.

Export records, signatures, accesses and requests are audit trails: on deletion they
stay, pointing at the emptied account.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry
from engage.accounts.privacy.retention import deleted

from .models import (
    AgreementAccess,
    AgreementEvent,
    AgreementSignatory,
    ExportRecord,
    InformationRequest,
    InformationSharingAgreement,
    PartnerMembership,
    PolicyArea,
)


def erase(user, keep_content):
    PartnerMembership.objects.filter(user=user).delete()
    PolicyArea.objects.filter(lead_officer=user).update(lead_officer=None)
    InformationSharingAgreement.objects.filter(owner=user).update(owner=None)


def register():
    registry.register_section(
        "partners",
        _("Partner organisations and exports you made"),
        order=30,
        tables=[
            registry.Table(
                "partner_memberships", lambda user: PartnerMembership.objects.filter(user=user)
            ),
            registry.Table("exports", lambda user: ExportRecord.objects.filter(user=user)),
            registry.Table(
                "policy_areas_led", lambda user: PolicyArea.objects.filter(lead_officer=user)
            ),
            registry.Table(
                "agreement_signatures",
                lambda user: AgreementSignatory.objects.filter(user=user),
            ),
            registry.Table(
                "accesses_under_agreements",
                lambda user: AgreementAccess.objects.filter(user=user),
            ),
            registry.Table(
                "information_requests",
                lambda user: InformationRequest.objects.filter(requested_by=user),
            ),
            registry.Table(
                "information_requests_decided",
                lambda user: InformationRequest.objects.filter(decided_by=user),
                fields=("id", "status", "decided_at"),
            ),
            registry.Table(
                "agreements_responsible_for",
                lambda user: InformationSharingAgreement.objects.filter(owner=user),
                fields=("id", "title", "reference"),
            ),
            registry.Table(
                "agreement_steps", lambda user: AgreementEvent.objects.filter(user=user)
            ),
        ],
        erase=erase,
    )
    registry.register_retention(
        "export_records",
        _("Records of exports and personal data downloads"),
        ExportRecord,
        holds=_("who exported what, when, for which organisation"),
        lawful_basis=bases.LEGAL_OBLIGATION,
        apply=lambda cutoff: deleted(ExportRecord.objects.filter(created_at__lt=cutoff)),
    )
