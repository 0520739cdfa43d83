"""Partner organisations, their grants and members, and the export log (engage.policy)."""

import factory
from django.utils.text import slugify

from engage.policy.models import (
    ExportRecord,
    PartnerGrant,
    PartnerMembership,
    PartnerOrganisation,
)
from tests.factories.accounts import UserFactory


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PartnerGrantFactory(factory.django.DjangoModelFactory):
    """What an organisation may see: `scope` and `access` (values of PartnerGrant)."""

    class Meta:
        model = PartnerGrant
        django_get_or_create = ("organisation", "scope", "access")

    organisation = factory.SubFactory(PartnerOrganisationFactory)


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
    """A member of a partner organisation with `grants`: (scope, access) pairs."""
    org = PartnerOrganisationFactory(name=organisation)
    for scope, access in grants:
        PartnerGrantFactory(organisation=org, scope=scope, access=access)
    return PartnerMembershipFactory(organisation=org, user=UserFactory(**kwargs)).user
