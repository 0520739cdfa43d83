"""The demo impact assessment (engage/impact/demo/assessments.yaml), loaded by
`manage.py seed_demo`: the Riverside Park consultation assessed by age band, sent for
review, co-signed by the demo community leader and published. Idempotent: a
consultation that already has an assessment is left as it is.

A shared app never imports a feature: the consultation is found through Wagtail's page
tree, and its groups and leaders through the subject registry.
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from engage.accounts.models import User
from engage.communities.models import Dimension
from engage.demo.data import DemoContext, read

from .. import services
from ..models import ImpactAssessment

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "assessments.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("assessments", []).list():
        seed_assessment(node, context)


def seed(note=None):
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def _staff():
    return User.objects.filter(email="staff@example.org").first()


@transaction.atomic
def seed_assessment(node, context):
    page = Page.objects.filter(slug=node["consultation"].str()).first()
    if page is None:
        return
    scope = f"consultation:{page.pk}"
    if ImpactAssessment.objects.for_subject(scope).exists():
        return
    leader = User.objects.filter(email=node["leader"].str()).first()
    if leader is None:
        return
    slugs = node["dimensions"].strings()
    dimensions = list(Dimension.objects.filter(slug__in=slugs))
    if len(dimensions) != len(slugs):
        raise node["dimensions"].error(_("a dimension code is not in the demo city"))
    staff = _staff()
    assessment = services.create_assessment(
        subject_scope=scope, dimensions=dimensions, created_by=staff
    )
    if not assessment.leaders.filter(pk=leader.pk).exists():
        assessment.leaders.add(leader)
    rows = {
        (row.category.dimension.slug, row.category.name): row
        for row in assessment.rows.select_related("category__dimension")
    }
    for row_node in node.get("rows", []).list():
        key = (row_node["dimension"].str(), row_node["group"].str())
        if key not in rows:
            raise row_node.error(
                _("no group %(group)s in the dimension %(dimension)s")
                % {"group": key[1], "dimension": key[0]}
            )
        services.update_row(
            rows[key],
            impact=row_node["impact"].int() if row_node.has("impact") else None,
            rationale=row_node.get("rationale", "").str(),
            evidence=[
                {"title": link["title"].str(), "url": link["url"].str()}
                for link in row_node.get("evidence", []).list()
            ],
            confidence=row_node.get("confidence", "low").str(),
        )
    services.submit_for_review(assessment, by=staff, note="Demo")
    for person in assessment.leaders.all():
        services.sign_off(assessment, user=person, decision="approve")
    assessment.refresh_from_db()
    services.publish(assessment, by=staff)
    context.note(True, "impact assessment", assessment.title)
