"""Who may do what, as a matrix: role × state of the thread × action, on the site and the API."""

import pytest
from django.urls import reverse

from engage.moderation.content import ContentStatus
from forums import services
from forums.models import FactCheck, Post, Verdict
from tests.factories import UserFactory, city_staff, leader, moderator, partner_member, with_totp
from tests.forums.conftest import SOURCES, start_claim

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": lambda: None,
    "unverified": lambda: UserFactory(verified=False),
    "resident": UserFactory,
    "leader": leader,
    "moderator": lambda: with_totp(moderator()),
}
STATES = ("published", "locked", "hidden", "draft_forum")

# Who sees the thread, and who may reply, in each state.
CAN_VIEW = {
    "published": set(ROLES),
    "locked": set(ROLES),
    "hidden": {"moderator"},
    "draft_forum": {"moderator"},
}
CAN_REPLY = {"published": {"resident", "leader", "moderator"}}


@pytest.fixture
def thread_in(forum):
    def build(state):
        thread = start_claim(UserFactory(), forum)
        if state == "locked":
            thread.is_locked = True
            thread.save(update_fields=["is_locked"])
        elif state == "hidden":
            thread.status = ContentStatus.HIDDEN
            thread.save(update_fields=["status"])
        elif state == "draft_forum":
            forum.unpublish()
        return thread

    return build


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_view_and_reply_matrix_on_the_site_and_the_api(client, thread_in, role, state):
    thread = thread_in(state)
    user = ROLES[role]()
    if user is not None:
        client.force_login(user)
    may_view = role in CAN_VIEW[state]
    may_reply = role in CAN_REPLY.get(state, set())

    page = client.get(thread.get_absolute_url())
    assert page.status_code == (200 if may_view else 404)
    if may_view:
        assert ('name="text"' in page.content.decode()) == may_reply

    response = client.post(
        reverse("forums:thread_reply", kwargs={"pk": thread.pk}),
        {"text": "Site reply", "language": "en", "accept_guidelines": "on"},
    )
    if may_reply:
        assert response.status_code == 302
    else:
        assert response.status_code == (403 if may_view else 404)

    api_thread = client.get(f"/api/v1/forums/threads/{thread.pk}")
    assert api_thread.status_code == (200 if may_view else 404)
    api_post = client.post(
        f"/api/v1/forums/threads/{thread.pk}/posts",
        {"text": "API reply", "language": "en", "accept_guidelines": True},
        content_type="application/json",
    )
    if user is None:
        assert api_post.status_code == 401
    elif may_reply:
        assert api_post.status_code == 201, api_post.content
    else:
        assert api_post.status_code == (403 if may_view else 404), api_post.content
        assert api_post.json()["detail"]

    assert Post.objects.filter(thread=thread).count() == (2 if may_reply else 0)


FACT_CHECKERS = {"leader", "partner", "staff"}
FC_ROLES = {
    "resident": UserFactory,
    "leader": leader,
    "partner": partner_member,
    "staff": lambda: with_totp(city_staff()),
    "moderator": lambda: with_totp(moderator()),
}


@pytest.mark.parametrize("role", FC_ROLES)
def test_fact_check_matrix_write_review_and_see_drafts(client, forum, roles, role):
    claim = start_claim(roles["resident"], forum)
    user = FC_ROLES[role]()
    client.force_login(user)
    is_checker = role in FACT_CHECKERS

    form = client.get(reverse("forums:fact_check_new", kwargs={"pk": claim.pk}))
    assert form.status_code == (200 if is_checker else 404)
    created = client.post(
        f"/api/v1/forums/threads/{claim.pk}/fact-checks",
        {
            "verdict": "false",
            "explanation": "Allocated by need.",
            "sources": SOURCES,
            "language": "en",
        },
        content_type="application/json",
    )
    assert created.status_code == (201 if is_checker else 403), created.content
    if is_checker:
        own = FactCheck.objects.get(author=user)
        refused = client.post(f"/api/v1/forums/fact-checks/{own.pk}/publish")
        assert refused.status_code == 403
        assert refused.json()["code"] == "same_reviewer"

    # Someone else's draft: fact-checkers may publish it; residents do not even see it.
    other = services.write_fact_check(
        roles["leader"] if role != "leader" else roles["partner"],
        claim,
        verdict=Verdict.UNPROVEN,
        text="We could not find figures.",
        sources=SOURCES,
    )
    page = client.get(claim.get_absolute_url()).content.decode()
    assert ("We could not find figures." in page) == (is_checker or role == "moderator")
    published = client.post(reverse("forums:fact_check_publish", kwargs={"pk": other.pk}))
    other.refresh_from_db()
    if is_checker:
        assert published.status_code == 302
        assert other.published_revision_id == other.latest_revision_id
    else:
        assert published.status_code in (302, 404)
        assert other.published_revision_id is None

    anonymous = client.__class__()
    public = anonymous.get(claim.get_absolute_url()).content.decode()
    assert ("We could not find figures." in public) == is_checker


@pytest.mark.parametrize("role", ["resident", "leader", "moderator", "staff"])
def test_only_moderators_and_staff_change_thread_settings(client, claim, roles, role):
    client.force_login(roles[role])
    response = client.post(
        reverse("forums:thread_settings", kwargs={"pk": claim.pk}),
        {"is_locked": "on", "is_pinned": "on", "slow_mode_minutes": "5"},
    )
    claim.refresh_from_db()
    allowed = role in ("moderator", "staff")
    assert response.status_code == (302 if allowed else 404)
    assert (claim.is_locked, claim.is_pinned, claim.slow_mode_minutes) == (
        (True, True, 5) if allowed else (False, False, 0)
    )


def test_pending_thread_is_seen_by_its_author_and_moderators_only(client, forum, roles):
    from consultations.models import ModerationMode
    from tests.forums.conftest import build_forum, start_discussion

    pre = build_forum(forum.get_parent().specific, slug="pre", moderation_mode=ModerationMode.PRE)
    thread = start_discussion(roles["resident"], pre)
    assert thread.status == ContentStatus.PENDING
    for role, expected in [("resident", 200), ("leader", 404), ("moderator", 200)]:
        client.force_login(roles[role])
        assert client.get(thread.get_absolute_url()).status_code == expected, role
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404
