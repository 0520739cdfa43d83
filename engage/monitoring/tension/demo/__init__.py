"""Demo data of tension assessments for `seed_demo` (idempotent, fictional): a few
assessments of Northbridge wards by the demo partner (tension.yaml), for the last
weeks, one of them revised so that its history shows two versions. Written through
the services, so versions and the audit trail are as real ones are. An assessment
that already exists (same partner, ward and week) is left as it is. Wards missing at
this point (the incidents loader creates them) are created by code under the city.
"""

import datetime

from django.utils import timezone

from engage.accounts.models import User
from engage.communities.models import Area
from engage.communities.representation import city_area
from engage.demo.data import read
from engage.monitoring.series import week_start
from engage.monitoring.tension.models import Assessment, TensionIndicator
from engage.monitoring.tension.services import revise_assessment, submit_assessment

DATA_FILE = "tension.yaml"
TRENDS = {"rising": "rising", "stable": "stable", "falling": "falling"}
CONFIDENCE = {"low": "low", "medium": "medium", "high": "high"}


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
    data = read(data_dir, DATA_FILE)
    assessor = User.objects.filter(email=data["assessor"].str()).first()
    if assessor is None:
        raise data["assessor"].error("no such demo account")
    this_week = week_start(timezone.localdate())
    for node in data["assessments"].list():
        load_assessment(node, assessor, this_week, context)


def _ward(code):
    area = Area.objects.filter(code=code).first()
    if area is None:
        area = Area.objects.create(code=code, name=code, parent=city_area())
    return area


def load_assessment(node, assessor, this_week, context):
    area = _ward(node["area"].str())
    start = this_week - datetime.timedelta(weeks=node["weeks_ago"].int())
    end = start + datetime.timedelta(days=6)
    if Assessment.objects.filter(
        area=area, period_start=start, period_end=end, created_by=assessor
    ).exists():
        return
    indicators = list(TensionIndicator.objects.filter(code__in=node["indicators"].strings()))
    assessment = submit_assessment(
        assessor,
        area=area,
        period_start=start,
        period_end=end,
        level=node["level"].int(),
        trend=node["trend"].choice(TRENDS),
        confidence=node["confidence"].choice(CONFIDENCE),
        context=node["context"].str(),
        sources=node["sources"].str(),
        indicators=indicators,
    )
    for revision in node.get("revisions", []).list():
        assessment = revise_assessment(
            assessor,
            assessment,
            level=revision["level"].int(),
            trend=revision["trend"].choice(TRENDS),
            context=revision["context"].str(),
            indicators=indicators,
        )
    context.note(True, "tension assessment", f"{area.code} {start}")
