"""The demo impact assessments (engage/impact/demo/assessments.yaml), loaded by
`manage.py seed_demo`: the Riverside Park consultation assessed by age band, sent for
review, co-signed by the demo community leader and published, with its register of
possible unintended consequences (one review overdue); and a standalone assessment of
a policy decision without a consultation, waiting for the leader's co-signature.
Idempotent: a consultation that already has an assessment, a standalone title that
already exists and an assessment that already has register entries are left as they are.

A shared app never imports a feature: the consultation is found through Wagtail's page
tree, and its groups and leaders through the subject registry.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from engage.accounts.models import User
from engage.communities.models import Dimension
from engage.demo.data import DemoContext, read
from engage.policy.models import PolicyArea

from .. import services
from ..models import Consequence, ImpactAssessment
from ..register.forms import ConsequenceForm
from ..register.services import save_consequence

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "assessments.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("policy_areas", []).list():
        seed_risk_weight(node, context)
    for node in data.get("assessments", []).list():
        seed_assessment(node, context)
    for node in data.get("standalone", []).list():
        seed_standalone(node, context)


def seed(note=None):
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def _staff():
    return User.objects.filter(email="staff@example.org").first()


def _page_titles(page):
    """{"title_<lang>": text} of the consultation page's title in every language it has,
    for the assessment of it (its title defaults to the page's)."""
    return {
        name: text
        for language in mt_settings.AVAILABLE_LANGUAGES
        if (text := getattr(page, (name := build_localized_fieldname("title", language)), ""))
    }


def fill_translations(assessment, titles):
    """Give `assessment` the title in the languages it has none in yet (an edited
    title is kept); `titles` as from `Node.translated("title")`."""
    changed = [
        name
        for name, text in titles.items()
        if name != "title" and text and not getattr(assessment, name)
    ]
    for name in changed:
        setattr(assessment, name, titles[name])
    if changed:
        assessment.save(update_fields=changed)


@transaction.atomic
def seed_assessment(node, context):
    page = Page.objects.filter(slug=node["consultation"].str()).first()
    if page is None:
        return
    scope = f"consultation:{page.pk}"
    titles = _page_titles(page)
    existing = ImpactAssessment.objects.for_subject(scope).first()
    if existing is not None:
        fill_translations(existing, titles)
        seed_consequences(existing, node, context)
        return
    leader = User.objects.filter(email=node["leader"].str()).first()
    if leader is None:
        return
    staff = _staff()
    assessment = services.create_assessment(
        subject_scope=scope, dimensions=_dimensions(node), created_by=staff
    )
    fill_translations(assessment, titles)
    if not assessment.leaders.filter(pk=leader.pk).exists():
        assessment.leaders.add(leader)
    _fill_rows(assessment, node)
    services.submit_for_review(assessment, by=staff, note="Demo")
    for person in assessment.leaders.all():
        services.sign_off(assessment, user=person, decision="approve")
    assessment.refresh_from_db()
    services.publish(assessment, by=staff)
    context.note(True, "impact assessment", assessment.title)
    seed_consequences(assessment, node, context)


def _dimensions(node):
    slugs = node["dimensions"].strings()
    dimensions = list(Dimension.objects.filter(slug__in=slugs))
    if len(dimensions) != len(slugs):
        raise node["dimensions"].error(_("a dimension code is not in the demo city"))
    return dimensions


def _rows_by_name(assessment):
    return {
        (row.category.dimension.slug, row.category.name): row
        for row in assessment.rows.select_related("category__dimension")
    }


def _row(rows, node):
    key = (node["dimension"].str(), node["group"].str())
    if key not in rows:
        raise node.error(
            _("no group %(group)s in the dimension %(dimension)s")
            % {"group": key[1], "dimension": key[0]}
        )
    return rows[key]


def _fill_rows(assessment, node, **flags_of):
    """Write the node's rows; `flags_of` maps a flag name to the rows it marks."""
    rows = _rows_by_name(assessment)
    marked = {
        name: {_row(rows, item).pk for item in node.get(key, []).list()}
        for name, key in (("directly_affected", "affected"), ("wider_audience", "wider"))
        if flags_of.get(name)
    }
    for row_node in node.get("rows", []).list():
        row = _row(rows, row_node)
        services.update_row(
            row,
            impact=row_node["impact"].int() if row_node.has("impact") else None,
            rationale=row_node.get("rationale", "").str(),
            evidence=[
                {"title": link["title"].str(), "url": link["url"].str()}
                for link in row_node.get("evidence", []).list()
            ],
            confidence=row_node.get("confidence", "low").str(),
            **{name: row.pk in pks for name, pks in marked.items()},
        )
    # Rows marked but not otherwise described keep an unknown impact.
    described = {_row(rows, item).pk for item in node.get("rows", []).list()}
    for name, pks in marked.items():
        for row in rows.values():
            if row.pk in pks and row.pk not in described:
                services.update_row(row, impact=None, **{name: True})


@transaction.atomic
def seed_standalone(node, context):
    """A standalone assessment (no consultation): staff choose its leaders and mark
    its directly affected and wider-audience groups; sent for review."""
    titles = node["title"].translated("title")
    title = titles["title"]
    existing = ImpactAssessment.objects.filter(subject_scope="", title_en=title).first()
    if existing is not None:
        fill_translations(existing, titles)
        return
    leader = User.objects.filter(email=node["leader"].str()).first()
    area = PolicyArea.objects.filter(slug=node["policy_area"].str()).first()
    if leader is None or area is None:
        return
    staff = _staff()
    assessment = services.create_assessment(
        title=title,
        policy_area=area,
        dimensions=_dimensions(node),
        created_by=staff,
        leaders=[leader],
    )
    assessment.summary = node.get("summary", "").str()
    assessment.save(update_fields=["summary"])
    fill_translations(assessment, titles)
    _fill_rows(assessment, node, directly_affected=True, wider_audience=True)
    services.submit_for_review(assessment, by=staff, note="Demo")
    context.note(True, "impact assessment", assessment.title)


def seed_consequences(assessment, node, context):
    """The assessment's register entries, unless it has some already."""
    if Consequence.objects.for_assessment(assessment).exists():
        return
    today = timezone.localdate()
    for entry in node.get("consequences", []).list():
        owner = User.objects.filter(email=entry.get("owner", "").str()).first()
        form = ConsequenceForm(
            data={
                "assessment": assessment.pk,
                "policy_area": assessment.policy_area_id or "",
                "description": entry["description"].str(),
                "category": entry["category"].str(),
                "likelihood": entry["likelihood"].int(),
                "severity": entry["severity"].int(),
                "mitigation": entry.get("mitigation", "").str(),
                "owner": owner.pk if owner else "",
                "review_date": (
                    today + datetime.timedelta(days=entry["review_in_days"].int())
                ).isoformat(),
                "status": entry.get("status", "open").str(),
            }
        )
        if not form.is_valid():
            raise entry.error(form.errors.as_text())
        consequence = save_consequence(form)
        context.note(True, "unintended consequence", str(consequence))


def seed_risk_weight(node, context):
    """Give a demo policy area its risk weight, rationale and evidence, unless staff
    (or an earlier run) already weighed it."""
    weight = node["risk_weight"].int()
    if not 0 <= weight <= 5:
        raise node["risk_weight"].error(_("a risk weight is between 0 and 5"))
    updated = PolicyArea.objects.filter(slug=node["slug"].str(), risk_weight__isnull=True).update(
        risk_weight=weight,
        risk_rationale=node.get("rationale", "").str(),
        risk_evidence="\n".join(node.get("evidence", []).strings()),
    )
    if updated:
        context.note(True, "policy area risk weight", node["slug"].str())
