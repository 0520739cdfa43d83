"""The "impact_templates" kind: the structure of a published impact assessment, for
another city to start its own from: the dimensions and the labels of their community
groups, which groups were directly affected or the wider audience, the impact scale and
confidence levels, and the categories of the consequences register. Never a figure
about people: no expected impacts, rationales, evidence, comments or sign-offs.

Accepting one creates a draft, standalone assessment with the same title over the local
dimensions of the same codes (every local group of each, as any new assessment). It
never overwrites: a local standalone assessment with that title is a collision, and a
dimension this city does not have stops the import with what to do.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Dimension
from engage.impact.models import Confidence, ConsequenceCategory, ImpactAssessment
from engage.impact.models.assessments import IMPACT_CHOICES
from engage.impact.services import create_assessment

from ..registry import ExchangeKind

LABELLED = {
    "type": "object",
    "required": ["code", "label"],
    "properties": {"code": {"type": ["string", "integer"]}, "label": {"type": "string"}},
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "The structure of an impact assessment",
    "type": "object",
    "required": ["key", "title", "dimensions", "impact_scale", "register_categories"],
    "properties": {
        "key": {"type": "string", "minLength": 1, "maxLength": 200},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "policy_area": {"type": ["object", "null"]},
        "dimensions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "label", "groups"],
                "properties": {
                    "code": {"type": "string"},
                    "label": {"type": "string"},
                    "groups": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["code", "label"],
                            "properties": {
                                "code": {"type": "string"},
                                "label": {"type": "string"},
                                "directly_affected": {"type": "boolean"},
                                "wider_audience": {"type": "boolean"},
                            },
                            "additionalProperties": False,
                        },
                    },
                },
            },
        },
        "impact_scale": {"type": "array", "items": LABELLED},
        "confidence_levels": {"type": "array", "items": LABELLED},
        "register_categories": {"type": "array", "items": LABELLED},
    },
}
CSV_COLUMNS = (
    "key",
    "title",
    "dimension",
    "group",
    "group_label",
    "directly_affected",
    "wider_audience",
)

MISSING_DIMENSIONS = _(
    "This template uses dimensions this city does not have: %(codes)s. Add them (with "
    "the same codes) in Community data first, then accept again; or reject the template."
)


def _labelled(choices):
    return [{"code": value, "label": str(label)} for value, label in choices]


def template_of(assessment, key):
    rows = {row.category_id: row for row in assessment.rows.all()}
    dimensions = []
    for dimension in assessment.dimensions.order_by("sort_order", "name"):
        groups = [
            {
                "code": category.slug,
                "label": category.name,
                "directly_affected": rows[category.pk].directly_affected,
                "wider_audience": rows[category.pk].wider_audience,
            }
            for category in dimension.categories.order_by("sort_order", "name")
            if category.pk in rows
        ]
        dimensions.append({"code": dimension.slug, "label": dimension.name, "groups": groups})
    area = assessment.policy_area
    return {
        "key": key,
        "title": assessment.title,
        "policy_area": {"code": area.slug, "label": area.name} if area else None,
        "dimensions": dimensions,
        "impact_scale": _labelled(IMPACT_CHOICES),
        "confidence_levels": _labelled(Confidence.choices),
        "register_categories": _labelled(ConsequenceCategory.choices),
    }


def export(options):
    seen = set()
    published = (
        ImpactAssessment.objects.published()
        .select_related("policy_area")
        .prefetch_related("rows", "dimensions__categories")
        .order_by("published_at", "pk")
    )
    for assessment in published:
        base = slugify(assessment.title)[:80] or "assessment"
        key, number = base, 1
        while key in seen:
            number += 1
            key = f"{base}-{number}"
        seen.add(key)
        yield template_of(assessment, key)


def describe(item):
    dimensions = ", ".join(dimension["label"] for dimension in item["dimensions"])
    return _("%(title)s (%(dimensions)s)") % {"title": item["title"], "dimensions": dimensions}


def find_local(item):
    return ImpactAssessment.objects.filter(subject_scope="", title=item["title"]).first()


def apply(item, provenance):
    codes = [dimension["code"] for dimension in item["dimensions"]]
    dimensions = list(Dimension.objects.filter(slug__in=codes))
    missing = sorted(set(codes) - {dimension.slug for dimension in dimensions})
    if missing:
        raise ValidationError(
            MISSING_DIMENSIONS, code="missing_dimensions", params={"codes": ", ".join(missing)}
        )
    assessment = create_assessment(dimensions=dimensions, created_by=None, title=item["title"])
    return _("Draft impact assessment “%(title)s” (from %(city)s)") % {
        "title": assessment.title,
        "city": provenance.city,
    }


def csv_rows(item):
    for dimension in item["dimensions"]:
        for group in dimension["groups"]:
            yield {
                "key": item["key"],
                "title": item["title"],
                "dimension": dimension["code"],
                "group": group["code"],
                "group_label": group["label"],
                "directly_affected": group.get("directly_affected", False),
                "wider_audience": group.get("wider_audience", False),
            }


IMPACT_TEMPLATES = ExchangeKind(
    code="impact_templates",
    label=_("Impact-assessment templates"),
    schema=SCHEMA,
    export=export,
    describe=describe,
    find_local=find_local,
    apply=apply,
    csv_columns=CSV_COLUMNS,
    csv_rows=csv_rows,
)
