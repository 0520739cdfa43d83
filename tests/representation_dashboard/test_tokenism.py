"""Each tokenism check, on constructed data: found when the pattern is there, not
otherwise, and never naming residents."""

import datetime

import pytest
from django.utils import timezone

from engage.communities import tokenism
from engage.communities.representation import representation_report
from engage.communities.scopes import Scope
from tests import factories
from tests.factories import DeclarationFactory, UserFactory

from .conftest import ATTENDED, CONTRIBUTED, make_session, take_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def somali():
    return factories.community_group("Somali community")


@pytest.fixture
def polish():
    return factories.community_group("Polish community")


def session_scope(session):
    return Scope("session", str(session.pk))


# --- Sole voice ------------------------------------------------------------------------


def test_sole_voice_when_one_leader_speaks_for_a_group_in_a_session(somali, polish):
    session = make_session()
    scope = session_scope(session)
    take_part(factories.leader(somali, display_name="Amina Leader"), scope, ATTENDED)
    for _ in range(2):
        take_part(factories.leader(polish), scope, ATTENDED)
    take_part(UserFactory(display_name="Resident Ruth"), scope, ATTENDED)

    findings = tokenism.sole_voice(scope)

    assert [f.group for f in findings] == ["Somali community"]
    assert findings[0].check == tokenism.SOLE_VOICE
    assert findings[0].leaders == ["Amina Leader"]
    assert "Somali community" in findings[0].explanation
    assert findings[0].action
    assert "Resident Ruth" not in str(findings[0].for_staff())
    assert "leaders" not in findings[0].public()


def test_no_sole_voice_with_two_leaders_or_a_revoked_mandate(somali):
    session = make_session()
    scope = session_scope(session)
    for _ in range(2):
        take_part(factories.leader(somali), scope, ATTENDED)
    revoked = factories.leader(factories.community_group("Roma community"))
    revoked.leaderships.update(revoked_at=timezone.now())
    take_part(revoked, scope, ATTENDED)

    assert tokenism.sole_voice(scope) == []


def test_sole_voice_counts_a_consultations_sessions(consultation, somali):
    session = make_session(consultation)
    take_part(factories.leader(somali), session_scope(session), ATTENDED)

    findings = tokenism.sole_voice(Scope("consultation", str(consultation.pk)))

    assert [f.group for f in findings] == ["Somali community"]


# --- Present but not heard -------------------------------------------------------------


@pytest.fixture
def declared_session(city):
    """A session with 30 declared attendees: 10 "x" and 20 "y" in "origin"."""
    city.dimension("origin", {"x": 0.5, "y": 0.5})
    session = make_session()
    scope = session_scope(session)
    people = {"x": [UserFactory() for _ in range(10)], "y": [UserFactory() for _ in range(20)]}
    for slug, users in people.items():
        for user in users:
            DeclarationFactory(user=user, category=city.categories["origin", slug])
    return scope, people


# These use the ledger's source (people with a contribution at all) explicitly: the
# briefs app registers its own for sessions (tests/briefs/test_tokenism_source.py).
LEDGER = tokenism.ledger_contributors


def test_present_but_not_heard_when_a_group_attends_but_does_not_contribute(declared_session):
    scope, people = declared_session
    # x: a third of attendance; 1 of 15 contributors (under half of a third).
    for index, user in enumerate(people["x"]):
        take_part(user, scope, ATTENDED | (CONTRIBUTED if index == 0 else 0))
    for index, user in enumerate(people["y"]):
        take_part(user, scope, ATTENDED | (CONTRIBUTED if index < 14 else 0))

    findings = tokenism.present_but_not_heard(scope, contributions=LEDGER)

    assert [f.group for f in findings] == ["X"]
    assert "contributed to the brief" in findings[0].explanation


def test_not_flagged_when_contributions_match_attendance(declared_session):
    scope, people = declared_session
    for index, user in enumerate(people["x"]):
        take_part(user, scope, ATTENDED | (CONTRIBUTED if index < 5 else 0))
    for index, user in enumerate(people["y"]):
        take_part(user, scope, ATTENDED | (CONTRIBUTED if index < 10 else 0))

    assert tokenism.present_but_not_heard(scope, contributions=LEDGER) == []


def test_a_contribution_source_can_be_plugged_in(declared_session, city):
    scope, people = declared_session
    for user in people["x"] + people["y"]:
        take_part(user, scope, ATTENDED | CONTRIBUTED)
    x, y = city.categories["origin", "x"], city.categories["origin", "y"]

    class Edits:
        description = "edits to the brief"

        def __call__(self, scope):
            return {(x.dimension_id, x.pk): 2, (y.dimension_id, y.pk): 60}

    findings = tokenism.present_but_not_heard(scope, contributions=Edits())

    assert [f.group for f in findings] == ["X"]
    assert "edits to the brief" in findings[0].explanation


def test_small_groups_are_not_assessed(declared_session):
    scope, people = declared_session
    for user in people["x"][:3]:
        take_part(user, scope, ATTENDED)
    for user in people["y"]:
        take_part(user, scope, ATTENDED | CONTRIBUTED)

    assert tokenism.present_but_not_heard(scope, contributions=LEDGER) == []


# --- The registry of contribution sources ----------------------------------------------


@pytest.fixture
def registry(monkeypatch):
    """The registry as the apps left it, restored after the test."""
    from engage.communities.tokenism import sources

    monkeypatch.setattr(sources, "_SOURCES", dict(sources._SOURCES))
    return sources._SOURCES


class Fixed:
    """A contribution source with fixed amounts."""

    description = "fixed amounts"

    def __init__(self, amounts):
        self.amounts = amounts

    def __call__(self, scope):
        return self.amounts


def test_the_registered_source_is_the_default(declared_session, city, registry):
    scope, people = declared_session
    for user in people["x"] + people["y"]:
        take_part(user, scope, ATTENDED | CONTRIBUTED)  # the ledger sees no difference
    x, y = city.categories["origin", "x"], city.categories["origin", "y"]
    tokenism.register_contribution_source(
        "session", Fixed({(x.dimension_id, x.pk): 1, (y.dimension_id, y.pk): 99})
    )

    findings = tokenism.present_but_not_heard(scope)

    assert [f.group for f in findings] == ["X"]
    assert "fixed amounts" in findings[0].explanation
    assert [
        f.group for f in tokenism.findings_for(scope) if f.check == tokenism.PRESENT_NOT_HEARD
    ] == ["X"]
    assert tokenism.present_but_not_heard(scope, contributions=LEDGER) == []


def test_without_a_registered_source_the_ledger_decides(declared_session, registry):
    scope, people = declared_session
    registry.clear()
    for index, user in enumerate(people["x"]):
        take_part(user, scope, ATTENDED | (CONTRIBUTED if index == 0 else 0))
    for index, user in enumerate(people["y"]):
        take_part(user, scope, ATTENDED | (CONTRIBUTED if index < 14 else 0))

    assert tokenism.contribution_source(scope) is LEDGER
    findings = tokenism.present_but_not_heard(scope)

    assert [f.group for f in findings] == ["X"]
    assert "contributed to the brief" in findings[0].explanation


def test_a_source_is_registered_per_kind_of_scope_and_replaced_on_registering_again(registry):
    first, second = Fixed({}), Fixed({})
    tokenism.register_contribution_source("session", first)
    tokenism.register_contribution_source("session", second)

    assert tokenism.contribution_source(Scope("session", "1")) is second
    assert tokenism.contribution_source(Scope("consultation", "1")) is LEDGER


def test_a_source_must_be_callable(registry):
    before = tokenism.contribution_source(Scope("session", "1"))
    with pytest.raises(TypeError, match="must be callable"):
        tokenism.register_contribution_source("session", {"not": "callable"})
    assert tokenism.contribution_source(Scope("session", "1")) is before


# --- Gatekeeping -----------------------------------------------------------------------


def test_gatekeeping_when_one_leader_is_the_only_voice_in_most_sessions(somali):
    gatekeeper = factories.leader(somali, display_name="Gate Keeper")
    other = factories.leader(somali)
    sessions = [make_session(days_ago=30 * n + 5) for n in range(4)]
    for session in sessions:
        take_part(gatekeeper, session_scope(session), ATTENDED)
    take_part(other, session_scope(sessions[0]), ATTENDED)  # 3 of 4 alone

    findings = tokenism.gatekeeping()

    assert [(f.group, f.leaders) for f in findings] == [("Somali community", ["Gate Keeper"])]
    assert findings[0].action


def test_no_gatekeeping_when_leaders_share_the_voice_or_sessions_are_old(somali):
    first, second = factories.leader(somali), factories.leader(somali)
    for n in range(4):
        session = make_session(days_ago=30 * n + 5)
        take_part(first, session_scope(session), ATTENDED)
        take_part(second, session_scope(session), ATTENDED)
    lone = factories.leader(factories.community_group("Irish community"))
    for n in range(3):
        take_part(lone, session_scope(make_session(days_ago=400 + n)), ATTENDED)

    assert tokenism.gatekeeping() == []


def test_gatekeeping_respects_the_window(somali):
    leader = factories.leader(somali)
    for n in range(3):
        take_part(leader, session_scope(make_session(days_ago=100 + n)), ATTENDED)

    assert len(tokenism.gatekeeping()) == 1
    later = timezone.now() + datetime.timedelta(days=400)
    assert tokenism.gatekeeping(now=later) == []


# --- Wider audience missing ------------------------------------------------------------


def _affected_consultation(city, consultation, counts):
    city.dimension("ethnicity", {"a": 0.5, "b": 0.3, "c": 0.2})
    consultation.affected_groups.set([city.categories["ethnicity", "a"]])
    consultation.save()
    city.people(Scope("consultation", str(consultation.pk)), "ethnicity", counts)
    return consultation


def test_wider_audience_missing_when_almost_all_are_directly_affected(city, consultation):
    page = _affected_consultation(city, consultation, {"a": 46, "b": 2, "c": 2})

    findings = tokenism.wider_audience_missing(page)

    assert len(findings) == 1
    assert findings[0].check == tokenism.WIDER_AUDIENCE_MISSING
    assert "90%" in findings[0].explanation
    assert "46" not in findings[0].explanation


def test_wider_audience_present(city, consultation):
    page = _affected_consultation(city, consultation, {"a": 30, "b": 10, "c": 10})

    assert tokenism.wider_audience_missing(page) == []


def test_wider_audience_threshold_is_a_setting(city, consultation, settings):
    settings.TOKENISM_WIDER_AUDIENCE_SHARE = 0.5
    page = _affected_consultation(city, consultation, {"a": 30, "b": 10, "c": 10})

    assert len(tokenism.wider_audience_missing(page)) == 1


def test_no_wider_audience_check_without_affected_groups(city, consultation):
    city.dimension("ethnicity", {"a": 0.5, "b": 0.5})
    city.people(Scope("consultation", str(consultation.pk)), "ethnicity", {"a": 50})

    assert tokenism.wider_audience_missing(consultation) == []


# --- Majority viewpoint missing --------------------------------------------------------


def test_majority_viewpoint_missing_when_the_largest_group_is_under_represented(city):
    city.dimension("ethnicity", {"majority": 0.7, "minority": 0.3})
    city.people("session:901", "ethnicity", {"majority": 10, "minority": 40})
    report = representation_report("area:CITY1", use_cache=False)

    findings = tokenism.majority_viewpoint_missing(report)

    assert [f.group for f in findings] == ["Majority"]
    assert "under-represented" in findings[0].explanation


def test_majority_viewpoint_present(city):
    city.dimension("ethnicity", {"majority": 0.7, "minority": 0.3})
    city.people("session:902", "ethnicity", {"majority": 35, "minority": 15})
    report = representation_report("area:CITY1", use_cache=False)

    assert tokenism.majority_viewpoint_missing(report) == []


def test_findings_for_a_city_include_gatekeeping_and_majority(city, somali):
    city.dimension("ethnicity", {"majority": 0.7, "minority": 0.3})
    city.people("session:903", "ethnicity", {"majority": 10, "minority": 40})
    leader = factories.leader(somali)
    for n in range(2):
        take_part(leader, session_scope(make_session(days_ago=5 + n)), ATTENDED)
    report = representation_report("city", use_cache=False)

    checks = {f.check for f in tokenism.findings_for("city", report)}

    assert checks == {tokenism.GATEKEEPING, tokenism.MAJORITY_MISSING}


def test_findings_for_a_consultation_cover_its_sessions(consultation, somali):
    session = make_session(consultation)
    take_part(factories.leader(somali), session_scope(session), ATTENDED)

    findings = tokenism.findings_for(Scope("consultation", str(consultation.pk)))

    assert [f.check for f in findings] == [tokenism.SOLE_VOICE]
