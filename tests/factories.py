"""factory_boy factories shared by the whole suite."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from engage.accounts.models import User
from engage.accounts.rules import CITY_STAFF, MODERATORS

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A resident with a verified email address (pass `verified=False` for one without)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )
            self.save()

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


def moderator(**kwargs):
    return UserFactory(groups=[MODERATORS], **kwargs)


def city_staff(**kwargs):
    return UserFactory(groups=[CITY_STAFF], is_staff=True, **kwargs)


def with_totp(user):
    """Give `user` an authenticator app (allauth TOTP), as if they had set one up."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def community_group(name="Somali community", dimension="Ethnic group"):
    """A communities.Category (a community group) in a dimension, created if needed."""
    from django.utils.text import slugify

    from engage.communities.models import Category, Dimension

    dim, _created = Dimension.objects.get_or_create(
        slug=slugify(dimension), defaults={"name": dimension}
    )
    group, _created = Category.objects.get_or_create(
        dimension=dim, slug=slugify(name), defaults={"name": name}
    )
    return group


def leader(group=None, **kwargs):
    """A verified resident with an active leadership mandate for `group`."""
    from engage.accounts.models import CommunityLeadership

    user = UserFactory(**kwargs)
    CommunityLeadership.objects.create(user=user, community_group=group or community_group())
    return user


def partner_member(grants=(), organisation="Northbridge Police", **kwargs):
    """A member of a partner organisation with `grants`: (scope, access) pairs."""
    from django.utils.text import slugify

    from engage.policy.models import PartnerGrant, PartnerMembership, PartnerOrganisation

    org, _created = PartnerOrganisation.objects.get_or_create(
        slug=slugify(organisation), defaults={"name": organisation}
    )
    for scope, access in grants:
        PartnerGrant.objects.get_or_create(organisation=org, scope=scope, access=access)
    user = UserFactory(**kwargs)
    PartnerMembership.objects.create(organisation=org, user=user)
    return user


def build_consultation(
    parent, title="Safer streets", opens_in_days=-7, closes_in_days=21, **kwargs
):
    """Add a published ConsultationPage below `parent` (a ConsultationIndexPage)."""
    from consultations.models import ConsultationPage

    now = timezone.now()
    page = ConsultationPage(
        title=title,
        summary=kwargs.pop("summary", "What should change on our streets?"),
        opens_at=now + datetime.timedelta(days=opens_in_days),
        closes_at=now + datetime.timedelta(days=closes_in_days),
        **kwargs,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
