"""Fixtures for comment tests: consultations in each state, people in each role."""

import pytest

from consultations.models import ModerationMode, Proposal


@pytest.fixture
def post_moderated(consultation_index):
    from tests.factories import build_consultation

    return build_consultation(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )


@pytest.fixture
def proposal_for():
    def build(consultation, title="Option A"):
        proposal = Proposal.objects.create(page=consultation, title=title, body="<p>Do A.</p>")
        return proposal

    return build
