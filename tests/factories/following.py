"""Following consultations and the notifications it sends (consultations.following)."""

import factory

from consultations.following.models import (
    Follow,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from tests.factories.accounts import UserFactory


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    """How `user` wants to hear about what they follow (`mode`, a NotificationMode)."""

    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)


class FollowFactory(factory.django.DjangoModelFactory):
    """`user` follows `consultation` (required), written directly: no notification."""

    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    """A reply notification for `user` about `consultation` (required)."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = NotificationKind.REPLY
    key = factory.Sequence(lambda n: f"notification-{n}")
