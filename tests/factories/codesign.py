"""Co-design sessions, their invitations and RSVPs (consultations.codesign)."""

import datetime

import factory
from django.utils import timezone

from consultations.codesign.models import CoDesignSession, Invitation, Rsvp
from tests.factories.accounts import UserFactory


class CoDesignSessionFactory(factory.django.DjangoModelFactory):
    """A two-hour session starting `starts_in` from now (a timedelta; default a week;
    negative for one in the past). No consultation unless given."""

    class Meta:
        model = CoDesignSession

    class Params:
        starts_in = datetime.timedelta(days=7)
        hours = 2

    title = "Park workshop"
    purpose = "Shape the new play area."
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + o.starts_in)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=o.hours))
    place = "Community Centre"
    languages = "en, ar"


class InvitationFactory(factory.django.DjangoModelFactory):
    """`user` invited to `session` (pending, as a participant, unless told)."""

    class Meta:
        model = Invitation

    session = factory.SubFactory(CoDesignSessionFactory)
    user = factory.SubFactory(UserFactory)


class RsvpFactory(factory.django.DjangoModelFactory):
    """A confirmed place for `user` at `session` (written directly, bypassing the
    capacity and waiting-list rules of `services.rsvp`)."""

    class Meta:
        model = Rsvp

    session = factory.SubFactory(CoDesignSessionFactory)
    user = factory.SubFactory(UserFactory)
    status = Rsvp.Status.CONFIRMED
