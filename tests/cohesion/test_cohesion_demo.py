"""The demo cohesion sections: one per demo consultation and one for the standalone
decision record, idempotent."""

import pytest

from consultations.cohesion import demo, services
from consultations.cohesion.models import CohesionSection
from engage.demo.data import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_sections_load_once(settings, demo_city):
    from pathlib import Path

    data_dir = Path(demo.__file__).resolve().parent
    context = DemoContext()
    demo.load_demo(data_dir, context)
    sections = list(CohesionSection.objects.all())
    consultations = {s.consultation.slug for s in sections if s.consultation_id}
    assert consultations == {
        "riverside-park",
        "safer-streets-around-schools",
        "central-library-opening-hours",
    }
    assert sum(1 for s in sections if s.assessment_id) == 1
    assert all(services.is_complete(s) for s in sections)
    park = next(
        s for s in sections if s.consultation_id and s.consultation.slug == "riverside-park"
    )
    assert park.groups.exists()
    assert park.resident_summary_ar
    again = DemoContext()
    demo.load_demo(data_dir, again)
    assert again.created == []
    assert CohesionSection.objects.count() == len(sections)
