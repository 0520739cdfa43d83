"""Moving `CoDesignSession` from `consultations` to `codesign` and folding
`SessionSettings` into it keeps every row: a database at the state before the move,
with a session, its switches, an invitation, a brief, a panel draw and a permission
granted to a group, is migrated forward and everything is still there and linked."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Each test runs in one transaction that is rolled back at its end: PostgreSQL's DDL is
# transactional, so the schema and the migration records go back with the rows, and
# no table has to be emptied (which a transactional test would do, taking the data the
# migrations created with it). Foreign-key checks run at once instead of at commit: a
# table whose rows still have checks pending cannot be altered.
pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = [
    ("consultations", "0005_consultation_documents"),
    ("codesign", "0001_initial"),
    ("briefs", "0001_initial"),
    ("communities", "0004_panelselection"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def migrated_back():
    """The database just before the move (the test's transaction undoes it)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return migrate(BEFORE_THE_MOVE)


def test_sessions_and_their_links_survive_the_move_to_codesign(migrated_back):
    old = migrated_back
    User = old.get_model("accounts", "User")
    person = User.objects.create(email="hodan@example.org", display_name="Hodan")
    starts_at = timezone.now() + datetime.timedelta(days=3)
    session = old.get_model("consultations", "CoDesignSession").objects.create(
        title="Park workshop",
        title_en="Park workshop",
        title_fr="Atelier du parc",
        purpose="Shape the play area.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="Community Centre",
        capacity=12,
        languages="en, fr",
    )
    plain = old.get_model("consultations", "CoDesignSession").objects.create(
        title="Open evening",
        purpose="Everyone welcome.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        place="Library",
    )
    old.get_model("codesign", "SessionSettings").objects.create(
        session=session, invitation_only=True, places_by_lot=True
    )
    invitation = old.get_model("codesign", "Invitation").objects.create(
        session=session, user=person, token="secret-token"
    )
    brief = old.get_model("briefs", "Brief").objects.create(session=session)
    draw = old.get_model("communities", "PanelSelection").objects.create(
        session=session,
        algorithm="maximin",
        seed=7,
        size=4,
        probability_method="exact",
        library_version="1",
    )
    old_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="consultations", model="codesignsession"
    )
    permission = old.get_model("auth", "Permission").objects.get(
        content_type=old_type, codename="change_codesignsession"
    )
    group = old.get_model("auth", "Group").objects.create(name="Session editors")
    group.permissions.add(permission)

    new = migrate(latest())

    Session = new.get_model("codesign", "CoDesignSession")
    moved = Session.objects.get(pk=session.pk)
    assert (moved.title, moved.title_fr, moved.capacity, moved.languages) == (
        "Park workshop",
        "Atelier du parc",
        12,
        "en, fr",
    )
    assert (moved.invitation_only, moved.places_by_lot) == (True, True)
    untouched = Session.objects.get(pk=plain.pk)
    assert (untouched.invitation_only, untouched.places_by_lot) == (False, False)
    assert new.get_model("codesign", "Invitation").objects.get(pk=invitation.pk).session_id == (
        session.pk
    )
    assert new.get_model("briefs", "Brief").objects.get(pk=brief.pk).session_id == session.pk
    assert (
        new.get_model("communities", "PanelSelection").objects.get(pk=draw.pk).session_id
        == session.pk
    )
    with pytest.raises(LookupError):
        new.get_model("codesign", "SessionSettings")

    # The content type moved (same id), so the group keeps its permission.
    moved_type = new.get_model("contenttypes", "ContentType").objects.get(pk=old_type.pk)
    assert (moved_type.app_label, moved_type.model) == ("codesign", "codesignsession")
    assert (
        not new.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="consultations", model="codesignsession")
        .exists()
    )
    kept = new.get_model("auth", "Group").objects.get(pk=group.pk)
    assert list(kept.permissions.values_list("content_type__app_label", "codename")) == [
        ("codesign", "change_codesignsession")
    ]


def test_going_back_restores_the_settings_rows(migrated_back):
    """The migration is reversible: switches on a session become a settings row again."""
    forward = migrate(latest())
    starts_at = timezone.now() + datetime.timedelta(days=3)
    session = forward.get_model("codesign", "CoDesignSession").objects.create(
        title="Draw by lot",
        purpose="A panel.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        place="Hall",
        places_by_lot=True,
    )

    old = migrate(BEFORE_THE_MOVE)

    row = old.get_model("codesign", "SessionSettings").objects.get(session_id=session.pk)
    assert (row.invitation_only, row.places_by_lot) == (False, True)
    assert (
        old.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="consultations", model="codesignsession")
        .exists()
    )
