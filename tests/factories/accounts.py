"""People: residents, moderators, city staff, community leaders, two-factor set-ups."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from engage.accounts.models import CommunityLeadership, User
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


class CommunityLeadershipFactory(factory.django.DjangoModelFactory):
    """An active leadership mandate: `user` speaks for `community_group`."""

    class Meta:
        model = CommunityLeadership

    user = factory.SubFactory(UserFactory)
    community_group = factory.LazyFunction(lambda: _community_group())


def _community_group():
    from tests.factories.communities import community_group

    return community_group()


def moderator(**kwargs):
    return UserFactory(groups=[MODERATORS], **kwargs)


def city_staff(**kwargs):
    return UserFactory(groups=[CITY_STAFF], is_staff=True, **kwargs)


def with_totp(user):
    """Give `user` an authenticator app (allauth TOTP), as if they had set one up."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


def leader(group=None, **kwargs):
    """A verified resident with an active leadership mandate for `group`."""
    user = UserFactory(**kwargs)
    CommunityLeadershipFactory(user=user, **({"community_group": group} if group else {}))
    return user
