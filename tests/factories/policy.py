"""Partner organisations, their grants and members, information-sharing agreements and
the export log (engage.policy).

`PartnerGrantFactory` puts its grant under an agreement in force by default: the
organisation's factory agreement (`agreement_in_force_for`), signed by everyone, from
2000 to 2100, so tests that mock today's date keep their access. Pass `agreement=None`
for a grant that gives no access, or your own agreement.
"""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from engage.policy.models import (
    AgreementParty,
    AgreementSignatory,
    AgreementStatus,
    ExportRecord,
    InformationSharingAgreement,
    PartnerGrant,
    PartnerMembership,
    PartnerOrganisation,
)
from tests.factories.accounts import UserFactory, city_staff

FACTORY_REFERENCE = "factory:"


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AgreementFactory(factory.django.DjangoModelFactory):
    """A draft agreement with valid terms (no parties or signatories: see
    `agreement_in_force`)."""

    class Meta:
        model = InformationSharingAgreement

    title = factory.Sequence(lambda n: f"Agreement {n}")
    purpose = "Understanding who takes part, to reach those who do not."
    lawful_basis = "e"
    data_categories = "Aggregate representation reports\nSummaries of comments"
    retention = "Twelve months, then deleted."
    security_measures = "Accounts with two-factor authentication; no copies outside."
    start_date = datetime.date(2000, 1, 1)
    review_date = datetime.date(2099, 1, 1)
    expiry_date = datetime.date(2100, 1, 1)


def add_party(agreement, organisation, signed=True, user=None):
    """Make `organisation` a party of `agreement` with one signatory (signed or not)."""
    AgreementParty.objects.get_or_create(agreement=agreement, organisation=organisation)
    return AgreementSignatory.objects.create(
        agreement=agreement,
        organisation=organisation,
        user=user or UserFactory(),
        role="Director",
        signed_at=timezone.now() if signed else None,
    )


def agreement_in_force(*organisations, city_signatory=None, **kwargs):
    """An agreement between the city and `organisations`, signed by one person for each
    and one member of city staff, in force (dates: `AgreementFactory`'s unless given)."""
    agreement = AgreementFactory(status=AgreementStatus.IN_FORCE, **kwargs)
    for organisation in organisations:
        add_party(agreement, organisation)
    AgreementSignatory.objects.create(
        agreement=agreement,
        user=city_signatory or city_staff(),
        role="Data protection officer",
        signed_at=timezone.now(),
    )
    return agreement


def agreement_in_force_for(organisation):
    """The organisation's factory agreement in force (made once per organisation)."""
    reference = f"{FACTORY_REFERENCE}{organisation.slug}"[:60]
    existing = InformationSharingAgreement.objects.filter(reference=reference).first()
    return existing or agreement_in_force(organisation, reference=reference)


class PartnerGrantFactory(factory.django.DjangoModelFactory):
    """What an organisation may see: `scope` and `access` (values of PartnerGrant),
    under an agreement in force unless `agreement` is given (None: no agreement)."""

    class Meta:
        model = PartnerGrant
        django_get_or_create = ("organisation", "scope", "access")

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    agreement = factory.LazyAttribute(lambda o: agreement_in_force_for(o.organisation))


class PartnerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMembership

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    user = factory.SubFactory(UserFactory)


class ExportRecordFactory(factory.django.DjangoModelFactory):
    """A line in the export log: `user` downloaded `kind` of `scope`."""

    class Meta:
        model = ExportRecord

    user = factory.SubFactory(UserFactory)
    kind = "personal_data"
    scope = "x"
    export_format = "csv"


def partner_member(grants=(), organisation="Northbridge Police", **kwargs):
    """A member of a partner organisation with `grants`: (scope, access) pairs, under
    the organisation's agreement in force."""
    org = PartnerOrganisationFactory(name=organisation)
    for scope, access in grants:
        PartnerGrantFactory(organisation=org, scope=scope, access=access)
    return PartnerMembershipFactory(organisation=org, user=UserFactory(**kwargs)).user
