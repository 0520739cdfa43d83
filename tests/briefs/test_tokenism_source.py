"""The brief's contribution records feed "present but not heard", by default: the briefs
app registers `brief_voice` as the contribution source of co-design sessions."""

import pytest

from consultations.briefs import services
from consultations.briefs.contributions import brief_voice
from consultations.briefs.models import Contribution
from engage.communities import tokenism
from engage.communities.models import Action, Declaration
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from tests.factories import UserFactory, community_group, leader


@pytest.fixture
def small_cells(settings):
    """One attendee per group is enough to be assessed (the threshold is 10 otherwise)."""
    settings.SMALL_CELL_THRESHOLD = 1


def attending_leader(group, scope):
    """A community leader of `group`, who declared it, and attended the session."""
    person = leader(group)
    Declaration.objects.create(user=person, dimension=group.dimension, category=group)
    record_participation(person, Action.ATTENDED, scope)
    return person


def write(brief, person, characters):
    """`person` types `characters` characters into the live brief (the real write path:
    the update log and the person's Contribution row)."""
    services.record_update(brief.pk, person, b"\x00", chars_added=characters)


def test_the_briefs_app_registers_brief_voice_for_sessions(session):
    assert tokenism.contribution_source(Scope.of("session", session.pk)) is brief_voice
    # Other kinds of scope keep the ledger's source.
    assert tokenism.contribution_source(Scope.parse("forum:1")) is tokenism.ledger_contributors


def test_a_group_that_attends_but_barely_writes_is_flagged(session):
    brief = services.brief_for_session(session)
    loud, quiet = community_group("Group A"), community_group("Group B")
    scope = Scope.of("session", session.pk)
    for group, written in [(loud, 900), (loud, 600), (quiet, 5), (quiet, 0)]:
        person = UserFactory()
        Declaration.objects.create(user=person, dimension=group.dimension, category=group)
        record_participation(person, Action.ATTENDED, scope)
        Contribution.objects.create(brief=brief, user=person, chars_added=written, comments=0)
    amounts = brief_voice(scope)
    assert amounts == {
        (loud.dimension_id, loud.pk): 1500,
        (quiet.dimension_id, quiet.pk): 5,
    }
    findings = tokenism.present_but_not_heard(scope, contributions=brief_voice, min_attendance=1)
    assert [str(finding.group) for finding in findings] == [quiet.name]


def test_by_default_a_leader_who_attended_but_wrote_nothing_is_flagged(session, small_cells):
    brief = services.brief_for_session(session)
    scope = Scope.of("session", session.pk)
    silent, writer = community_group("Silent group"), community_group("Writing group")
    attending_leader(silent, scope)
    write(brief, attending_leader(writer, scope), 1800)

    findings = tokenism.present_but_not_heard(scope)

    assert [finding.group for finding in findings] == ["Silent group"]
    assert "how much each group wrote in the brief" in findings[0].explanation
    # The dashboard, the API and the PDF ask findings_for: the same default.
    shown = tokenism.findings_for(scope)
    assert [f.group for f in shown if f.check == tokenism.PRESENT_NOT_HEARD] == ["Silent group"]


def test_by_default_one_keystroke_is_not_a_voice(session, small_cells):
    """The ledger counts anyone who contributed at all, so a leader who typed one
    character would look as heard as one who wrote the brief; the brief's own records
    weigh what was written."""
    brief = services.brief_for_session(session)
    scope = Scope.of("session", session.pk)
    token, writer = community_group("Token group"), community_group("Writing group")
    write(brief, attending_leader(token, scope), 1)
    write(brief, attending_leader(writer, scope), 1800)

    assert tokenism.present_but_not_heard(scope, contributions=tokenism.ledger_contributors) == []
    assert [f.group for f in tokenism.present_but_not_heard(scope)] == ["Token group"]


def test_by_default_a_leader_who_wrote_a_lot_is_not_flagged(session, small_cells):
    brief = services.brief_for_session(session)
    scope = Scope.of("session", session.pk)
    first, second = community_group("First group"), community_group("Second group")
    write(brief, attending_leader(first, scope), 1200)
    write(brief, attending_leader(second, scope), 900)

    assert tokenism.present_but_not_heard(scope) == []
