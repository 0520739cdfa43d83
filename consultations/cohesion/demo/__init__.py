"""Demo cohesion sections (consultations/cohesion/demo/sections.yaml), loaded by
`manage.py seed_demo` after the consultations, the early-warning alerts and the impact
assessments: one section for each demo consultation and for the standalone decision
record. Idempotent: a subject that already has a section keeps it as it is.
"""

from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from engage.demo.data import read
from engage.impact.models import ImpactAssessment

from .. import services
from ..models import CohesionSection

DATA_FILE = "sections.yaml"
TEXT_FIELDS = ("considered", "conclusions", "alerts_note", "resident_summary")


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("consultations", []).list():
        page = ConsultationPage.objects.filter(slug=node["consultation"].str()).first()
        if page is None:
            raise node["consultation"].error(_("no consultation has this slug"))
        if CohesionSection.objects.filter(consultation=page).exists():
            continue
        section = services.section_for_consultation(page)
        _write(section, node, context, label=page.title)
    for node in data.get("decisions", []).list():
        assessment = ImpactAssessment.objects.filter(
            title=node["assessment"].str(), subject_scope=""
        ).first()
        if assessment is None:
            raise node["assessment"].error(_("no standalone impact assessment has this title"))
        if CohesionSection.objects.filter(assessment=assessment).exists():
            continue
        section = services.section_for_decision(assessment)
        _write(section, node, context, label=assessment.title)


def _write(section, node, context, label):
    texts = {}
    for name in TEXT_FIELDS:
        if node.has(name):
            texts.update(node[name].translated(name))
    services.save_section(
        section, by=None, alerts=list(services.alerts_to_consider(section)), **texts
    )
    context.note(True, "cohesion section", label)
