"""Consultations: pages in the tree, proposals, comments."""

import datetime

import factory
from django.utils import timezone

from consultations.models import ConsultationPage, Proposal
from tests.factories.pages import PageFactory


class ConsultationPageFactory(PageFactory):
    """A published ConsultationPage under `parent` (a ConsultationIndexPage), open from
    `opens_in_days` (default a week ago) to `closes_in_days` (default in three weeks)."""

    class Meta:
        model = ConsultationPage

    class Params:
        opens_in_days = -7
        closes_in_days = 21

    title = "Safer streets"
    summary = "What should change on our streets?"
    opens_at = factory.LazyAttribute(
        lambda o: timezone.now() + datetime.timedelta(days=o.opens_in_days)
    )
    closes_at = factory.LazyAttribute(
        lambda o: timezone.now() + datetime.timedelta(days=o.closes_in_days)
    )


def build_consultation(
    parent, title="Safer streets", opens_in_days=-7, closes_in_days=21, **kwargs
):
    """Add a published ConsultationPage below `parent` (a ConsultationIndexPage)."""
    return ConsultationPageFactory(
        parent=parent,
        title=title,
        opens_in_days=opens_in_days,
        closes_in_days=closes_in_days,
        **kwargs,
    )


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal (an option) on consultation `page`."""

    class Meta:
        model = Proposal

    title = factory.Sequence(lambda n: f"Option {n}")
