"""The staff view of contributions to a brief shows totals by role, never a person's
name or figures (issue 11, item 14)."""

import pytest

from consultations.briefs.models import Contribution
from consultations.briefs.services import brief_for_session, contributions
from tests import factories
from tests.briefs.conftest import add_coauthor, add_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def brief(session):
    brief = brief_for_session(session)
    ada = add_coauthor(session, factories.UserFactory(display_name="Ada Coauthor"))
    add_coauthor(session, factories.UserFactory(display_name="Silent Coauthor"))
    bo = add_coauthor(session, factories.UserFactory(display_name="Bo Coauthor"))
    pia = add_participant(session, factories.UserFactory(display_name="Pia Participant"))
    sam = factories.city_staff(display_name="Sam Staff")
    for user, added, comments in ((ada, 120, 1), (bo, 30, 0), (pia, 0, 2), (sam, 5, 0)):
        Contribution.objects.create(brief=brief, user=user, chars_added=added, comments=comments)
    return brief


def test_contributions_are_summed_by_role(brief):
    summary = contributions(brief)
    rows = {str(row["role"]): row for row in summary["rows"]}
    assert set(rows) == {"co-author", "participant", "city staff"}
    assert (rows["co-author"]["people"], rows["co-author"]["chars_added"]) == (2, 150)
    assert (rows["participant"]["people"], rows["participant"]["comments"]) == (1, 2)
    assert rows["city staff"]["chars_added"] == 5
    assert (summary["coauthors"], summary["silent_coauthors"]) == (3, 1)


def test_the_staff_page_names_nobody(client, session, brief):
    client.force_login(factories.with_totp(factories.city_staff()))
    response = client.get(f"/en/co-design/sessions/{session.pk}/brief/")
    assert response.status_code == 200
    html = response.content.decode()
    section = html.split('id="brief-contributions-heading"', 1)[1].split("</section>", 1)[0]
    assert "Co-author" in section and "150" in section
    assert "<bdi>1</bdi> of <bdi>3</bdi> co-authors has not contributed yet." in section
    for name in ("Ada", "Bo Coauthor", "Pia", "Sam Staff", "Silent"):
        assert name not in section
