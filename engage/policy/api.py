"""API of agreements (django-ninja), mounted in engage/api.py at /agreements/.

`GET /api/v1/agreements/`: the information-sharing agreements in force today of the
signed-in person's partner organisations, with the grants they give those
organisations, their dates and signatories: the API form of "What I can see and why".
Signed-in people who are not partner members get an empty list; visitors get 401.
"""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from ninja import Router, Schema

from engage.apikit import PUBLIC_READ, SIGNED_IN

from .models import AgreementSignatory, InformationSharingAgreement, PartnerGrant

router = Router(tags=["agreements"], auth=PUBLIC_READ)


class GrantOut(Schema):
    organisation: str
    scope: str
    access: str


class SignatoryOut(Schema):
    name: str
    role: str
    signs_for: str
    signed_at: datetime.datetime | None


class AgreementOut(Schema):
    id: int
    title: str
    reference: str
    transitional: bool
    purpose: str
    lawful_basis: str
    special_category: bool
    article_9_condition: str
    schedule_1_condition: str
    start_date: datetime.date
    review_date: datetime.date
    expiry_date: datetime.date
    parties: list[str]
    grants: list[GrantOut]
    signatories: list[SignatoryOut]


def _out(agreement):
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "reference": agreement.reference,
        "transitional": agreement.is_transitional,
        "purpose": agreement.purpose,
        "lawful_basis": agreement.lawful_basis,
        "special_category": agreement.special_category,
        "article_9_condition": agreement.article_9_condition,
        "schedule_1_condition": agreement.schedule_1_condition,
        "start_date": agreement.start_date,
        "review_date": agreement.review_date,
        "expiry_date": agreement.expiry_date,
        "parties": [party.organisation.name for party in agreement.parties.all()],
        "grants": [
            {"organisation": g.organisation.name, "scope": g.scope, "access": g.access}
            for g in agreement.my_grants
        ],
        "signatories": [
            {
                "name": getattr(s.user, "display_name", "") or "",
                "role": s.role,
                "signs_for": str(s.signs_for),
                "signed_at": s.signed_at,
            }
            for s in agreement.signatories.all()
        ],
    }


@router.get(
    "/",
    response=list[AgreementOut],
    auth=SIGNED_IN,
    summary="My organisations' agreements in force",
    url_name="agreements_mine",
)
def my_agreements(request):
    """The agreements in force today of the person's partner organisations."""
    user = request.user
    grants = (
        PartnerGrant.objects.filter(
            organisation__is_active=True, organisation__memberships__user=user
        )
        .select_related("organisation")
        .order_by("organisation__name", "scope")
    )
    agreements = (
        InformationSharingAgreement.objects.in_force(timezone.localdate())
        .for_member(user)
        .prefetch_related(
            "parties__organisation",
            Prefetch("grants", queryset=grants, to_attr="my_grants"),
            Prefetch(
                "signatories",
                queryset=AgreementSignatory.objects.select_related("user", "organisation"),
            ),
        )
        .order_by("expiry_date", "pk")
    )
    return [_out(agreement) for agreement in agreements]
