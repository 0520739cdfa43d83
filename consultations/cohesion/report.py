"""The city-wide cohesion report: which consultations and policy decision records have a
cohesion section, which lack one, how often each community group was considered, and
how many alerts were weighed. Read in a fixed number of queries, whatever the size."""

import csv
import io
from dataclasses import dataclass

import rules
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations.models import ConsultationPage
from engage.communities.models import Category
from engage.impact.models import ImpactAssessment

from .models import CohesionSection
from .rules import EDIT_SECTION

CSV_COLUMNS = (
    "kind",
    "id",
    "title",
    "status",
    "has_section",
    "complete",
    "groups_considered",
    "alerts_considered",
    "impact_assessments",
    "updated_at",
)
KIND_LABELS = {"consultation": _("Consultation"), "decision": _("Policy decision record")}


@dataclass
class ReportRow:
    kind: str
    pk: int
    title: str
    status: str
    section: object  # CohesionSection or None
    groups: int
    alerts: int
    assessments: int
    url: str = ""

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def has_section(self):
        return self.section is not None

    @property
    def complete(self):
        from .services import is_complete

        return is_complete(self.section)


@dataclass
class CohesionReport:
    rows: list
    group_counts: list  # [(Category, sections considering it)]
    alerts_considered: int

    @property
    def with_section(self):
        return [row for row in self.rows if row.complete]

    @property
    def without_section(self):
        return [row for row in self.rows if not row.complete]


def _consultations(user):
    pages = ConsultationPage.objects.all()
    if not rules.test_rule(EDIT_SECTION, user):
        pages = pages.live().public()  # partners: what is published
    return pages.order_by("-opens_at", "pk")


def _decision_records(user):
    records = ImpactAssessment.objects.filter(subject_scope="")
    if not rules.test_rule(EDIT_SECTION, user):
        records = records.published()  # partners: what is published
    return records


def build_report(user):
    """The report as `user` may read it (partners see published consultations and
    decision records only)."""
    sections = {
        (s.consultation_id, s.assessment_id): s
        for s in CohesionSection.objects.annotate(
            n_groups=Count("groups", distinct=True), n_alerts=Count("alerts", distinct=True)
        )
    }
    by_consultation = {key[0]: s for key, s in sections.items() if key[0]}
    by_decision = {key[1]: s for key, s in sections.items() if key[1]}
    assessment_counts = dict(
        ImpactAssessment.objects.exclude(subject_scope="")
        .values_list("subject_scope")
        .annotate(n=Count("pk"))
    )
    rows = []
    for page in _consultations(user).only("pk", "title", "live", "url_path"):
        section = by_consultation.get(page.pk)
        rows.append(
            ReportRow(
                kind="consultation",
                pk=page.pk,
                title=page.title,
                status=_("published") if page.live else _("draft"),
                section=section,
                groups=getattr(section, "n_groups", 0),
                alerts=getattr(section, "n_alerts", 0),
                assessments=assessment_counts.get(f"consultation:{page.pk}", 0),
                url=page.url if page.live else "",
            )
        )
    for assessment in _decision_records(user).order_by("-updated_at"):
        section = by_decision.get(assessment.pk)
        rows.append(
            ReportRow(
                kind="decision",
                pk=assessment.pk,
                title=assessment.title,
                status=assessment.get_status_display(),
                section=section,
                groups=getattr(section, "n_groups", 0),
                alerts=getattr(section, "n_alerts", 0),
                assessments=1,
                url=reverse("impact:assessment_summary", args=[assessment.pk])
                if assessment.is_published
                else "",
            )
        )
    visible = {row.section.pk for row in rows if row.section is not None}
    through = CohesionSection.groups.through.objects.filter(cohesionsection_id__in=visible)
    counts = dict(
        through.values("category_id")
        .annotate(n=Count("cohesionsection_id"))
        .values_list("category_id", "n")
    )
    categories = Category.objects.filter(pk__in=counts).select_related("dimension")
    group_counts = [
        (category, counts[category.pk])
        for category in categories.order_by("dimension__sort_order", "sort_order", "pk")
    ]
    alerts_considered = (
        CohesionSection.alerts.through.objects.filter(cohesionsection_id__in=visible)
        .values("alert_id")
        .distinct()
        .count()
    )
    return CohesionReport(rows=rows, group_counts=group_counts, alerts_considered=alerts_considered)


def report_csv(report):
    """The report's rows as CSV text (one line per consultation or decision record)."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    for row in report.rows:
        writer.writerow(
            [
                row.kind,
                row.pk,
                _safe_cell(row.title),
                str(row.status),
                "yes" if row.has_section else "no",
                "yes" if row.complete else "no",
                row.groups,
                row.alerts,
                row.assessments,
                row.section.updated_at.isoformat() if row.section else "",
            ]
        )
    return output.getvalue()


def _safe_cell(text):
    """Free text that a spreadsheet must not run as a formula."""
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
