"""The demo city, built once for tests/security, and the identities its tests use.

`security_world` runs `seed_demo` (every page type, forum, survey, co-design session)
inside one transaction, adds what the demo does not have (a comment and a reply, a
report in the moderation queue, a moderation decision the resident may appeal, an export
job, a staff account without TOTP) and rolls it all back when the last test that uses
it has run. Each test then runs in its own savepoint (pytest-django's `db`), so a test
that withdraws a comment does not change what the next one sees.

Building the city is the package's most expensive step (seed_demo and every part's
`build`, about 40 s on a loaded 2-core machine), so it is built once for the package
(`scope="package"`) rather than once per module. While it lives, the connection is
inside its transaction, so no transactional test (one that commits, such as the browser
test of the script-injection corpus) may run then: pytest-django already runs every
transactional test after all the tests that use `db` (the world's tests), and pytest
rolls the world back as soon as the run leaves tests/security.

The identities, one account each:

- anonymous: no account;
- resident: resident@example.org (verified email);
- leader: leader@example.org (community leader, co-author of the demo brief);
- moderator: moderator@example.org, in "Moderators", with TOTP;
- staff: staff@example.org (city staff, superuser), with TOTP;
- staff_no_totp: a city staff account (is_staff) that has not set up TOTP;
- partner: partner@example.org (a partner organisation with a city-wide report grant),
  with TOTP (reports need it).

Each identity signs in once, in the world's transaction; `client_for` reuses the
session, so a test that logs out only logs out inside its own savepoint.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests.demo_city import seed_demo_city
from tests.security.parts import all_parts

IDENTITIES = (
    "anonymous",
    "resident",
    "leader",
    "moderator",
    "staff",
    "staff_no_totp",
    "partner",
)


@dataclass
class World:
    """The accounts and object ids the security tests address."""

    users: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # identity -> session key (signed in once)

    def user(self, identity):
        return self.users.get(identity)


def build_world(snapshot):
    """Seed the demo city and add the objects every route needs. Returns a World."""
    from allauth.account.models import EmailAddress

    from consultations.briefs.services import brief_for_session
    from consultations.codesign.models import CoDesignSession, Invitation
    from consultations.codesign.services import invitation_link_token
    from consultations.engagement.models import Survey
    from consultations.exports.services import start_export
    from consultations.following.services import unsubscribe_token
    from consultations.models import ConsultationPage
    from consultations.services import post_comment
    from engage.accounts.models import User
    from engage.moderation.models import ActionKind, QueueItem, ReportReason
    from engage.moderation.services import moderate, report_content
    from forums.models import FactCheck, ForumPage, Post, Thread, ThreadKind
    from forums.services import revise_fact_check
    from home.models import HomePage
    from tests.factories import city_staff, with_totp

    seed_demo_city(snapshot)
    world = World()
    by_email = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    for identity in ("resident", "leader", "moderator", "staff", "partner"):
        world.users[identity] = by_email[f"{identity}@example.org"]
    for identity in ("moderator", "staff", "partner"):
        with_totp(world.users[identity])
    world.users["staff_no_totp"] = city_staff(email="staff-no-totp@example.org")
    EmailAddress.objects.filter(user=world.users["staff_no_totp"]).update(verified=True)

    park = ConsultationPage.objects.get(slug="riverside-park")
    comment = post_comment(world.users["resident"], park, "The playground needs shade.")
    reply = post_comment(world.users["leader"], park, "Agreed, trees please.", parent=comment)
    report_content(world.users["resident"], reply, ReportReason.OFF_TOPIC)
    decided = post_comment(world.users["resident"], park, "Buy my bikes at example.org")
    action = moderate(
        world.users["moderator"],
        decided,
        ActionKind.HIDE,
        reason="Advertising.",
        public_reason="Advertising is not allowed here.",
    )
    session = CoDesignSession.objects.filter(consultation=park).order_by("pk").first()
    brief = brief_for_session(session)
    invitation = Invitation.objects.filter(session=session, user=world.users["resident"]).first()
    forum = ForumPage.objects.get(slug="myths-and-facts")
    thread = Thread.objects.filter(forum=forum, kind=ThreadKind.CLAIM).order_by("pk").first()
    job = start_export(world.users["staff"], park, "csv")
    fact_check = FactCheck.objects.filter(thread=thread).first()
    revise_fact_check(
        world.users["leader"],
        fact_check,
        verdict="false",
        text="Updated with the council's reply.",
        sources=[{"title": "Council minutes", "url": "https://example.org/minutes"}],
    )
    world.ids.update(
        home=HomePage.objects.first().pk,
        consultation=park.pk,
        closed_consultation=ConsultationPage.objects.get(slug="central-library-opening-hours").pk,
        comment=comment.pk,
        reply=reply.pk,
        queue_item=QueueItem.objects.order_by("pk").first().pk,
        action=action.pk,
        session=session.pk,
        brief=brief.pk,
        brief_item=1,
        invitation_token=invitation_link_token(invitation),
        unsubscribe_token=unsubscribe_token(world.users["resident"]),
        survey=Survey.objects.filter(consultation=park).first().pk,
        forum=forum.pk,
        thread=thread.pk,
        post=Post.objects.filter(thread=thread, author=world.users["resident"]).first().pk
        if Post.objects.filter(thread=thread, author=world.users["resident"]).exists()
        else Post.objects.filter(thread=thread).first().pk,
        fact_check=fact_check.pk,
        job=job.pk,
        resident_id=world.users["resident"].pk,
    )
    for part in all_parts():
        if hasattr(part, "build"):
            part.build(world)
    for identity, user in world.users.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        world.sessions[identity] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


@pytest.fixture(autouse=True)
def _edit_window_outlasts_the_package(settings):
    """The matrix checks who may open the edit pages, not the edit window: the world's
    forum posts come from the demo city, restored with the time it was first seeded
    (tests/demo_city.py), which on a slow run is longer ago than the 15-minute window
    (tests/forums check the window itself)."""
    settings.COMMENT_EDIT_MINUTES = 24 * 60


@pytest.fixture(scope="package")
def security_world(demo_snapshot, django_db_blocker):
    """The demo city and its identities, built once for the package and rolled back."""
    with django_db_blocker.unblock(), translation.override("en"):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world(demo_snapshot)
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


@pytest.fixture
def world(security_world, db):
    """The package's demo city, inside this test's savepoint."""
    return security_world


def client_for(world, identity):
    """A Django test client signed in as `identity` (anonymous: signed out)."""
    client = Client(raise_request_exception=False)
    if identity in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[identity]
    return client


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per module, as tests/e2e's (Debian's /usr/bin/chromium).

    The security pages are served by pytest-django's `live_server` (WSGI, in a thread),
    so this module does not need tests/e2e's Daphne server, which serves one session.
    """
    from tests.e2e.conftest import launched_chromium

    with launched_chromium() as chromium:
        yield chromium
