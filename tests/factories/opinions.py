"""Opinion maps: a map, statements (seed, residents', imported) and votes."""

import factory

from engage.moderation.content import ContentStatus
from engage.opinions.models import (
    MapStatus,
    OpinionMap,
    Participant,
    Statement,
    StatementState,
    Vote,
)


class OpinionMapFactory(factory.django.DjangoModelFactory):
    """An open standalone map (pass `scope="consultation:12"` to attach it)."""

    class Meta:
        model = OpinionMap

    title = factory.Sequence(lambda n: f"Opinion map {n}")
    question = "How should the riverside park change?"
    status = MapStatus.OPEN


class StatementFactory(factory.django.DjangoModelFactory):
    """A published, accepted statement people can vote on."""

    class Meta:
        model = Statement

    map = factory.SubFactory(OpinionMapFactory)
    text = factory.Sequence(lambda n: f"Statement number {n} about the park.")
    body_html = factory.LazyAttribute(lambda s: f"<p>{s.text}</p>")
    language = "en"
    status = ContentStatus.PUBLISHED
    state = StatementState.ACCEPTED


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    map = factory.SubFactory(OpinionMapFactory)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    participant = factory.SubFactory(ParticipantFactory)
    statement = factory.SubFactory(StatementFactory, map=factory.SelfAttribute("..participant.map"))
    value = 1


def votes_on(statement, *values):
    """Anonymous participants casting `values` (1, -1, 0) on `statement`."""
    return [
        VoteFactory(participant=ParticipantFactory(map=statement.map), statement=statement, value=v)
        for v in values
    ]
