"""The demo data for filters and outcomes: filed policy areas and a published outcome,
created once however often seed_demo runs."""

import pytest
from wagtail.models import Revision

from consultations.following import demo
from consultations.models import ConsultationStatus
from engage.policy.models import PolicyArea
from tests.factories import build_consultation

pytestmark = pytest.mark.django_db


def test_demo_files_policy_areas_and_publishes_the_library_outcome(client, consultation_index):
    park = build_consultation(consultation_index, title="Riverside Park", slug="riverside-park")
    library = build_consultation(
        consultation_index,
        title="Central Library opening hours",
        slug="central-library-opening-hours",
        opens_in_days=-120,
        closes_in_days=-60,
    )
    demo.seed()
    revisions = Revision.objects.count()
    demo.seed()  # again: nothing new
    assert Revision.objects.count() == revisions
    assert PolicyArea.objects.count() == 3

    park.refresh_from_db()
    library.refresh_from_db()
    assert park.policy_area.slug == "parks"
    assert library.policy_area.name_ar == "المكتبات والثقافة"
    assert library.status == ConsultationStatus.OUTCOME
    html = client.get(library.outcome_url()).content.decode()
    assert "8pm on Tuesdays and Thursdays" in html
    arabic = client.get(library.outcome_url().replace("/en/", "/ar/", 1)).content.decode()
    assert "المكتبة المركزية" in arabic
