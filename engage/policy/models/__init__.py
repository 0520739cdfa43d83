"""The policy app's tables, by concern (import them from here):

- `partners`: partner organisations (public, private, third sector), members, grants;
- `agreements`: information-sharing agreements, their parties, signatories and events;
- `lawful_basis`: the UK GDPR / DPA 2018 choices an agreement names;
- `access`: the audit of access under agreements;
- `requests`: information requests between agencies;
- `exports`: the export audit trail;
- `areas`: policy areas.
"""

from .access import AgreementAccess
from .agreements import (
    AgreementEvent,
    AgreementParty,
    AgreementSignatory,
    AgreementStatus,
    InformationSharingAgreement,
)
from .areas import PolicyArea
from .exports import ExportRecord
from .lawful_basis import Article6, Article9, Schedule1
from .partners import OrganisationType, PartnerGrant, PartnerMembership, PartnerOrganisation
from .requests import InformationRequest, RequestStatus

__all__ = [
    "AgreementAccess",
    "AgreementEvent",
    "AgreementParty",
    "AgreementSignatory",
    "AgreementStatus",
    "Article6",
    "Article9",
    "ExportRecord",
    "InformationRequest",
    "InformationSharingAgreement",
    "OrganisationType",
    "PartnerGrant",
    "PartnerMembership",
    "PartnerOrganisation",
    "PolicyArea",
    "RequestStatus",
    "Schedule1",
]
