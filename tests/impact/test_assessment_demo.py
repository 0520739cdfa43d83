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


def test_the_demo_register_spans_every_heading_with_one_review_overdue(home_page):
    from engage.impact.models import Consequence, ConsequenceCategory

    LOADERS.insert(4, "consultations.following.demo")
    try:
        load(DemoContext())
        published = ImpactAssessment.objects.get(subject_scope__startswith="consultation:")
        entries = list(Consequence.objects.for_assessment(published))
        assert {entry.category for entry in entries} == set(ConsequenceCategory.values)
        assert all(1 <= entry.likelihood <= 5 and 1 <= entry.severity <= 5 for entry in entries)
        [overdue] = Consequence.objects.overdue()
        assert overdue.category == "displacement" and overdue.days_overdue() == 10
        assert overdue.owner.email == "staff@example.org"
        again = DemoContext()
        load(again)
        assert not [item for item in again.created if item[0] == "unintended consequence"]
        assert Consequence.objects.count() == len(entries)
    finally:
        LOADERS.remove("consultations.following.demo")


def test_the_demo_standalone_assessment_names_its_leader_and_groups(home_page):
    LOADERS.insert(4, "consultations.following.demo")
    try:
        load(DemoContext())
        standalone = ImpactAssessment.objects.get(subject_scope="")
        assert standalone.title == "Alcohol-free zone around Station Square"
        assert standalone.policy_area.slug == "community-safety"
        assert standalone.policy_area.risk_weight == 4
        assert standalone.status == AssessmentStatus.IN_REVIEW
        assert [u.email for u in standalone.leaders.all()] == ["leader@example.org"]
        rows = {row.category.name: row for row in standalone.rows.select_related("category")}
        assert {n for n, r in rows.items() if r.directly_affected} == {"15-24", "25-34"}
        assert {n for n, r in rows.items() if r.wider_audience} == {"65-74", "75+"}
        assert rows["15-24"].impact == -1 and rows["45-54"].impact is None
        assert standalone.versions.count() == 1
        load(DemoContext())
        assert ImpactAssessment.objects.filter(subject_scope="").count() == 1
    finally:
        LOADERS.remove("consultations.following.demo")
