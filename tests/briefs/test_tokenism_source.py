"""The brief's contribution records feed "present but not heard"."""

from consultations.briefs import services
from consultations.briefs.contributions import brief_voice
from consultations.briefs.models import Contribution
from engage.communities.models import Action, Declaration
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from engage.communities.tokenism import present_but_not_heard
from tests.factories import UserFactory, community_group


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
    findings = present_but_not_heard(scope, contributions=brief_voice, min_attendance=1)
    assert [str(finding.group) for finding in findings] == [quiet.name]
