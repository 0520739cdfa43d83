"""Shared helpers of the text-signal pipeline tests (test_pipeline*, test_aggregates*,
test_api*, test_analyse_texts*): content written through the real services, and the
row the worker wrote for it.

Fixtures are named `<name>_fixture` and registered under `<name>`: a test module
imports them (`from tests.insights.pipeline_support import riverside_fixture`) and asks
for `riverside`.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from consultations.models import ModerationMode, Proposal
from engage.insights.models import TextAnalysis
from tests.factories import UserFactory, build_consultation

POSITIVE = "I love the new riverside park, it is wonderful and the benches are great!"
NEGATIVE = "This plan is terrible. The crossing is dangerous and the council ignored us."


@pytest.fixture(name="open_settings")
def open_settings_fixture(settings):
    """Residents' contributions publish at once and rate limits stay out of the way."""
    settings.MODERATION_TRUSTED_AFTER = 0
    settings.ENGAGE_RATE_LIMITS_ENABLED = False
    return settings


@pytest.fixture(name="riverside")
def riverside_fixture(consultation_index, open_settings):
    """An open post-moderated consultation in an area and a policy area, with a proposal."""
    from engage.communities.models import Area
    from engage.policy.models import PolicyArea

    area = Area.objects.create(code="E05000001", name="Riverside ward")
    policy = PolicyArea.objects.create(name="Transport", slug="transport")
    page = build_consultation(
        consultation_index,
        title="Riverside crossing",
        slug="riverside-crossing",
        moderation_mode=ModerationMode.POST,
        area=area,
        policy_area=policy,
    )
    page.proposal = Proposal.objects.create(page=page, title="A zebra crossing", body="<p>A.</p>")
    return page


@pytest.fixture(name="writer")
def writer_fixture(db):
    return UserFactory(display_name="Rania")


def analysis_of(instance):
    """The TextAnalysis row of `instance`, or None."""
    return TextAnalysis.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).first()
