"""The demo impact assessment: Riverside Park by age band, co-signed by the demo leader
and published; loading it twice creates nothing more."""

from importlib import import_module

import pytest

from engage.demo.data import DemoContext
from engage.impact.models import AssessmentStatus, ImpactAssessment
from engage.management.commands.seed_demo import data_dir

pytestmark = pytest.mark.django_db

LOADERS = [
    "engage.demo.northbridge",
    "home.demo",
    "consultations.demo",
    "consultations.codesign.demo",
    "engage.impact.demo",
]


def load(context):
    for name in LOADERS:
        module = import_module(name)
        module.load_demo(data_dir(module), context)


def test_the_demo_assessment_is_co_signed_by_the_leader_and_published(home_page):
    first = DemoContext()
    load(first)
    assert ("impact assessment", "Redesigning Riverside Park") in first.created
    assessment = ImpactAssessment.objects.get()
    assert assessment.status == AssessmentStatus.PUBLISHED
    [signoff] = assessment.signoffs.select_related("user")
    assert signoff.user.email == "leader@example.org" and signoff.decision == "approve"
    impacts = {row.category.name: row.impact for row in assessment.rows.select_related("category")}
    assert impacts["0-14"] == 2 and impacts["15-24"] == -1 and impacts["55-64"] is None
    assert len(impacts) == 8
    again = DemoContext()
    load(again)
    assert not [item for item in again.created if item[0] == "impact assessment"]
    assert ImpactAssessment.objects.count() == 1
