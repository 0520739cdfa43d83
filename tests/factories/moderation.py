"""Moderation: reports from residents and the moderators' decision log."""

import factory
from django.contrib.contenttypes.models import ContentType

from engage.moderation.models import ModerationAction, Report
from tests.factories.accounts import UserFactory


class ReportFactory(factory.django.DjangoModelFactory):
    """`reporter` reports `content` (any model instance) as spam unless told."""

    class Meta:
        model = Report
        exclude = ("content",)

    reporter = factory.SubFactory(UserFactory)
    reason = "spam"
    content = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.content))
    object_id = factory.LazyAttribute(lambda o: o.content.pk)


class ModerationActionFactory(factory.django.DjangoModelFactory):
    """A moderator's decision about `account` (a warning unless told)."""

    class Meta:
        model = ModerationAction

    moderator = factory.SubFactory(UserFactory)
    account = factory.SubFactory(UserFactory)
    action = "warn"
