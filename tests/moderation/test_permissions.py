"""Permission matrix: role × content state × action, on the site and in the API.

Residents never see the queue, notes or other people's reports; only moderators with
two-factor authentication moderate, never their own content; removed content stays
removed.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken

from engage.moderation import services
from engage.moderation.content import ContentStatus
from engage.moderation.models import ActionKind, ModerationAction, QueueItem, Report
from tests.factories import UserFactory, city_staff, moderator, with_totp

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "resident", "author", "staff", "moderator_no_mfa", "moderator"]
STATES = [
    ContentStatus.PENDING,
    ContentStatus.PUBLISHED,
    ContentStatus.HIDDEN,
    ContentStatus.REMOVED,
]


def person(role, author):
    return {
        "anonymous": lambda: None,
        "unverified": lambda: UserFactory(verified=False),
        "resident": UserFactory,
        "author": lambda: author,
        "staff": lambda: with_totp(city_staff()),
        "moderator_no_mfa": moderator,
        "moderator": lambda: with_totp(moderator()),
    }[role]()


@pytest.fixture
def content_in(make_comment, author, second_mod):
    """A comment by `author` brought into `state` through the services, queue item open."""

    def build(state):
        comment = make_comment(author, "Words about the park.")
        services.report_content(UserFactory(), comment, "spam")  # an open queue item
        if state == ContentStatus.PENDING:
            type(comment).objects.filter(pk=comment.pk).update(status=state)
        elif state == ContentStatus.HIDDEN:
            services.moderate(second_mod, comment, ActionKind.HIDE, public_reason="x")
        elif state == ContentStatus.REMOVED:
            services.moderate(second_mod, comment, ActionKind.REMOVE, public_reason="x")
        comment.refresh_from_db()
        return comment

    return build


def api_client(user):
    if user is None:
        return Client()
    _token, key = APIToken.create_token(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def expected_report_status(role, state):
    if role == "anonymous":
        return 401
    if role == "author":
        return 400  # own content
    if role == "unverified":
        return 403
    if state in (ContentStatus.PENDING, ContentStatus.HIDDEN):
        return 404  # residents cannot see it: it does not exist for them
    if state == ContentStatus.REMOVED:
        return 410
    return 201


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_report_and_moderation_matrix_in_the_api(role, state, content_in, author):
    user = person(role, author)
    client = api_client(user)

    # Reporting
    reported = content_in(state)
    before = Report.objects.count()
    response = client.post(
        "/api/v1/reports/",
        {"kind": "comment", "id": reported.pk, "reason": "abuse"},
        content_type="application/json",
    )
    expected = expected_report_status(role, state)
    assert response.status_code == expected, response.content
    assert Report.objects.count() == before + (1 if expected == 201 else 0)
    if expected != 401:
        assert response.json()["detail" if expected != 201 else "reason"]

    # The queue and a decision (on another comment in the same state)
    comment = content_in(state)
    queue = client.get("/api/v1/moderation/queue/")
    response = client.post(
        "/api/v1/moderation/actions/",
        {"kind": "comment", "id": comment.pk, "action": "hide", "public_reason": "Rude."},
        content_type="application/json",
    )
    comment.refresh_from_db()
    if role == "anonymous":
        assert (queue.status_code, response.status_code) == (401, 401)
    elif role != "moderator":
        assert (queue.status_code, response.status_code) == (403, 403)
        assert "items" not in queue.json()
        assert comment.status == state
    else:
        assert queue.status_code == 200
        if state == ContentStatus.REMOVED:
            assert response.status_code == 410 and response.json()["code"] == "removed"
            assert comment.status == ContentStatus.REMOVED
        elif state == ContentStatus.HIDDEN:
            # already hidden by another moderator, whose decision closed the item
            assert response.status_code == 400 and response.json()["code"] == "nothing_to_do"
        else:
            assert response.status_code == 200, response.content
            assert response.json()["done"][0]["new_status"] == "hidden"
            assert comment.status == ContentStatus.HIDDEN


def expected_site_report_status(role, state):
    if role == "anonymous":
        return 302  # to the log-in page
    return {201: 302, 401: 302}.get(
        expected_report_status(role, state), expected_report_status(role, state)
    )


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_report_and_moderation_matrix_on_the_site(role, state, content_in, author):
    user = person(role, author)
    client = Client()
    if user is not None:
        client.force_login(user)

    reported = content_in(state)
    before = Report.objects.count()
    response = client.post(
        f"/en/moderation/report/comment/{reported.pk}/", {"reason": "abuse", "note": ""}
    )
    expected = expected_site_report_status(role, state)
    assert response.status_code == expected, response.content
    created = expected == 302 and role != "anonymous"
    assert Report.objects.count() == before + (1 if created else 0)
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]

    comment = content_in(state)
    item = QueueItem.objects.for_content(comment).latest("opened_at")
    response = client.post(
        reverse("engage_moderation:item", args=[item.pk]),
        {"action": "hide", "public_reason": "Rude."},
    )
    comment.refresh_from_db()
    if role != "moderator":
        assert response.status_code in (302, 403)
        assert not response.get("Location", "").startswith("/admin/moderation/")
        assert comment.status == state
    elif state in (ContentStatus.PENDING, ContentStatus.PUBLISHED):
        assert response.status_code == 302
        assert comment.status == ContentStatus.HIDDEN
    else:
        assert response.status_code == 400  # the form says why: removed, or already hidden
        assert comment.status == state


@pytest.mark.parametrize("role", ROLES)
def test_admin_queue_and_notes_are_for_moderators_only(role, comment, author):
    client = Client()
    user = person(role, author)
    if user is not None:
        client.force_login(user)
    item = (
        QueueItem.objects.first()
        or services.report_content(UserFactory(), comment, "spam").queue_item
    )
    for url in (
        reverse("engage_moderation:queue"),
        reverse("engage_moderation:item", args=[item.pk]),
        reverse("engage_moderation:account", args=[author.pk]),
        reverse("engage_moderation:appeals"),
        reverse("engage_moderation:dashboard"),
    ):
        response = client.get(url)
        if role == "moderator":
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), (url, response.status_code)
            assert b"Words" not in response.content and b"spam" not in response.content


def test_api_moderator_cannot_act_on_own_content(make_comment):
    mod = with_totp(moderator())
    own = make_comment(mod, "Mine")
    response = api_client(mod).post(
        "/api/v1/moderation/actions/",
        {"kind": "comment", "id": own.pk, "action": "remove", "public_reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "own_content"


def test_api_duplicate_report_is_200_and_keeps_the_first(comment):
    client = api_client(UserFactory())
    body = {"kind": "comment", "id": comment.pk, "reason": "spam"}
    assert client.post("/api/v1/reports/", body, content_type="application/json").status_code == 201
    again = client.post(
        "/api/v1/reports/", {**body, "reason": "hate"}, content_type="application/json"
    )
    assert again.status_code == 200 and again.json()["already_reported"] is True
    assert Report.objects.get().reason == "spam"


def test_api_unknown_content_and_bad_reason(comment):
    client = api_client(UserFactory())
    missing = client.post(
        "/api/v1/reports/",
        {"kind": "comment", "id": 10**9, "reason": "spam"},
        content_type="application/json",
    )
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    bad = client.post(
        "/api/v1/reports/",
        {"kind": "comment", "id": comment.pk, "reason": "boring"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    french = client.post(
        "/api/v1/reports/",
        {"kind": "comment", "id": comment.pk, "reason": "other"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert french.status_code == 400 and french.json()["code"] == "note_required"


def test_api_queue_filters_and_bulk_actions(make_comment):
    mod = with_totp(moderator())
    comments = [make_comment(UserFactory(), f"Spam {n}") for n in range(3)]
    for comment in comments:
        services.report_content(UserFactory(), comment, "spam")
    services.report_content(UserFactory(), make_comment(UserFactory(), "Rude"), "abuse")
    client = api_client(mod)
    spam = client.get("/api/v1/moderation/queue/?reason=spam").json()
    assert spam["count"] == 3 and [i["excerpt"] for i in spam["items"]] == [
        "Spam 0",
        "Spam 1",
        "Spam 2",
    ]
    result = client.post(
        "/api/v1/moderation/actions/",
        {
            "queue_item_ids": [i["id"] for i in spam["items"]],
            "action": "remove",
            "public_reason": "Spam.",
        },
        content_type="application/json",
    ).json()
    assert len(result["done"]) == 3 and result["failed"] == []
    assert client.get("/api/v1/moderation/queue/").json()["count"] == 1
    # The same items again: they are decided, so nothing is done twice.
    again = client.post(
        "/api/v1/moderation/actions/",
        {"queue_item_ids": [i["id"] for i in spam["items"]], "action": "approve"},
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    assert ModerationAction.objects.filter(action="approve").count() == 0


def test_reports_are_rate_limited(comment, make_comment, settings):
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {"report": {"user": [(2, 60)]}}
    client = api_client(UserFactory())
    others = [make_comment(UserFactory(), f"Comment {n}") for n in range(3)]
    answers = [
        client.post(
            "/api/v1/reports/",
            {"kind": "comment", "id": other.pk, "reason": "spam"},
            content_type="application/json",
        )
        for other in others
    ]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert answers[-1]["Retry-After"]
    assert Report.objects.count() == 2


def test_hidden_content_cannot_be_read_through_the_report_page_or_api(content_in):
    hidden = content_in(ContentStatus.HIDDEN)
    resident = UserFactory()
    client = Client()
    client.force_login(resident)
    page = client.get(f"/en/moderation/report/comment/{hidden.pk}/")
    assert page.status_code == 404
    assert "Words about the park." not in page.content.decode()
    response = api_client(resident).post(
        "/api/v1/reports/",
        {"kind": "comment", "id": hidden.pk, "reason": "abuse"},
        content_type="application/json",
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert "Words about the park." not in response.content.decode()
    assert not Report.objects.filter(reporter=resident).exists()
