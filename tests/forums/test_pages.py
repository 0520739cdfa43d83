"""Forum pages without JavaScript: the forum, a thread, posting, fact-check forms, the library."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import services
from forums.models import FactCheck, Post, Thread, ThreadKind, Verdict
from tests.factories import UserFactory
from tests.forums.conftest import published_fact_check, start_claim, start_discussion
from tests.pages.helpers import assert_one_h1

pytestmark = pytest.mark.django_db


def test_forum_page_lists_threads_pinned_first_and_filters_by_topic(client, forum, roles):
    housing = forum.topics.get(slug="housing")
    old = start_discussion(roles["resident"], forum, title="Old but pinned", topic=housing)
    start_claim(roles["resident"], forum, title="Newer claim")
    services.update_thread_settings(roles["moderator"], old, is_pinned=True)
    response = client.get(forum.url)
    assert_one_h1(response, forum.title)
    content = response.content.decode()
    assert content.index("Old but pinned") < content.index("Newer claim")
    filtered = client.get(forum.url + "?topic=housing").content.decode()
    assert "Old but pinned" in filtered and "Newer claim" not in filtered


def test_starting_a_claim_through_the_form(client, forum, roles):
    newcomer = UserFactory()
    client.force_login(newcomer)
    url = reverse("forums:thread_new", kwargs={"forum_id": forum.pk})
    form = client.get(url + "?kind=claim")
    assert_one_h1(form)
    assert 'name="accept_guidelines"' in form.content.decode()
    data = {
        "kind": "claim",
        "title": "<script>alert(1)</script>The pool is closing",
        "heard_where": "A leaflet",
        "text": "Is it?",
        "language": "fr",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "tick the box" in refused.content.decode()
    assert 'aria-invalid="true"' in refused.content.decode()
    assert not Thread.objects.exists()
    response = client.post(url, {**data, "accept_guidelines": "on"})
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    assert thread.kind == ThreadKind.CLAIM and thread.language == "fr"
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "A leaflet" in page


def test_reply_twice_with_the_same_form_makes_one_post(client, claim, roles):
    client.force_login(roles["resident"])
    url = reverse("forums:thread_reply", kwargs={"pk": claim.pk})
    data = {"text": "Me too", "language": "en", "token": "6f1c5d1e-7d55-4b7b-9f2c-0a4f8d9e1b11"}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert "already sent this" in second.content.decode()
    assert Post.objects.count() == 1


def test_slow_mode_message_on_the_page(client, claim, roles):
    services.update_thread_settings(roles["moderator"], claim, slow_mode_minutes=5)
    client.force_login(roles["leader"])
    url = reverse("forums:thread_reply", kwargs={"pk": claim.pk})
    client.post(url, {"text": "One", "language": "en", "accept_guidelines": "on"})
    response = client.post(url, {"text": "Two", "language": "en"})
    assert response.status_code == 400
    assert "slow mode" in response.content.decode()
    assert Post.objects.count() == 1


def test_rate_limited_reply_gets_429_and_says_when(client, claim, roles, settings):
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {
        **settings.ENGAGE_RATE_LIMITS,
        "forum_post": {"user": [(1, 3600)]},
    }
    client.force_login(roles["leader"])
    url = reverse("forums:thread_reply", kwargs={"pk": claim.pk})
    client.post(url, {"text": "One", "language": "en", "accept_guidelines": "on"})
    response = client.post(url, {"text": "Two", "language": "en"})
    assert response.status_code == 429
    assert "try again" in response.content.decode()


def test_fact_check_form_refuses_javascript_sources(client, claim, roles):
    client.force_login(roles["leader"])
    url = reverse("forums:fact_check_new", kwargs={"pk": claim.pk})
    assert_one_h1(client.get(url))
    response = client.post(
        url,
        {
            "verdict": "false",
            "text": "No.",
            "language": "en",
            "source_title_1": "Trick",
            "source_url_1": "javascript:alert(document.cookie)",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "is not a web address" in content
    assert 'id="id_source_url_1"' in content and 'aria-invalid="true"' in content
    assert not FactCheck.objects.exists()


def test_claim_page_shows_the_verdict_sources_and_history(client, claim, roles):
    fact_check = published_fact_check(roles["leader"], roles["staff"], claim)
    services.revise_fact_check(
        roles["partner"],
        fact_check,
        verdict=Verdict.NEEDS_CONTEXT,
        text="Context matters.",
        sources=[{"title": "Policy", "url": "https://example.org/policy"}],
    )
    services.publish_fact_check(roles["leader"], fact_check)
    response = client.get(claim.get_absolute_url())
    assert_one_h1(response, claim.title)
    content = response.content.decode()
    assert "verdict--needs_context" in content
    assert 'href="https://example.org/policy" rel="nofollow ugc noopener"' in content
    history = client.get(reverse("forums:fact_check_history", kwargs={"pk": fact_check.pk}))
    assert_one_h1(history)
    assert "Revision <bdi>1</bdi>" in history.content.decode()
    assert "Revision <bdi>2</bdi>" in history.content.decode()


def test_thread_page_query_count_does_not_grow_with_posts(client, claim, roles):
    published_fact_check(roles["leader"], roles["staff"], claim)
    client.force_login(roles["resident"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(claim.get_absolute_url()).status_code == 200
        return len(queries)

    services.post_reply(roles["resident"], claim, "First")
    count()  # warm up per-process caches (content types, site root)
    few = count()
    for number in range(8):
        services.post_reply(UserFactory(), claim, f"Post {number}", accept_guidelines=True)
    assert count() == few


def test_library_search_filters_and_sorting(client, forum, roles):
    pool = start_claim(roles["resident"], forum, title="The pool is closing", language="en")
    flats = start_claim(roles["resident"], forum, title="Flats only for newcomers", language="ar")
    start_claim(roles["resident"], forum, title="Unchecked rumour")
    published_fact_check(roles["leader"], roles["staff"], pool, verdict=Verdict.ACCURATE)
    checked = published_fact_check(
        roles["leader"], roles["staff"], flats, text="Homes go by housing need, see the policy."
    )
    services.mark_helpful(roles["resident"], checked)

    url = reverse("forums:library")
    response = client.get(url)
    assert_one_h1(response)
    assert "<bdi>3</bdi> claims" in response.content.decode()

    def titles(**query):
        content = client.get(url, query).content.decode()
        return [t for t in ("The pool", "Flats only", "Unchecked rumour") if t in content]

    assert titles(q="housing need") == ["Flats only"]  # found in the fact-check
    assert titles(verdict="accurate") == ["The pool"]
    assert titles(verdict="unchecked") == ["Unchecked rumour"]
    assert titles(language="ar") == ["Flats only"]
    helpful_first = client.get(url, {"sort": "helpful"}).content.decode()
    assert helpful_first.index("Flats only") < helpful_first.index("The pool")
    # The forum's own library, and nonsense filters are ignored rather than an error.
    forum_library = reverse("forums:forum_library", kwargs={"forum_id": forum.pk})
    assert client.get(forum_library, {"verdict": "<x>", "sort": "'"}).status_code == 200


def test_library_api_matches(client, forum, roles):
    claim = start_claim(roles["resident"], forum, title="Bins are collected monthly")
    published_fact_check(roles["leader"], roles["staff"], claim, verdict=Verdict.FALSE)
    data = client.get("/api/v1/forums/claims", {"verdict": "false"}).json()
    assert data["count"] == 1 and data["items"][0]["verdict"] == "false"
    assert client.get("/api/v1/forums/claims", {"verdict": "accurate"}).json()["count"] == 0


def test_suspended_author_sees_when_the_suspension_ends(client, claim, roles):
    import datetime

    from django.utils import timezone

    from engage.moderation.models import ModerationProfile

    ModerationProfile.objects.update_or_create(
        user=roles["resident"],
        defaults={"suspended_until": timezone.now() + datetime.timedelta(days=2)},
    )
    client.force_login(roles["resident"])
    response = client.post(
        reverse("forums:thread_reply", kwargs={"pk": claim.pk}),
        {"text": "Let me in", "language": "en"},
    )
    assert response.status_code == 400
    assert "suspended until" in response.content.decode()
    api = client.post(
        f"/api/v1/forums/threads/{claim.pk}/posts",
        {"text": "Let me in"},
        content_type="application/json",
    )
    assert api.status_code == 403 and api.json()["code"] == "suspended"


def test_forum_pages_cannot_take_a_reserved_slug(forum_index):
    from django.core.exceptions import ValidationError

    from forums.models import ForumPage

    page = ForumPage(title="Library", slug="library")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "slug" in error.value.message_dict


def test_api_same_token_twice_is_one_post_and_flood_is_429(client, claim, roles, settings):
    client.force_login(roles["leader"])
    url = f"/api/v1/forums/threads/{claim.pk}/posts"
    body = {
        "text": "Via the API",
        "accept_guidelines": True,
        "token": "0b6f0f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
    }
    first = client.post(url, body, content_type="application/json")
    again = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["duplicate"] is True and again.json()["id"] == first.json()["id"]
    settings.ENGAGE_RATE_LIMITS_ENABLED = True
    settings.ENGAGE_RATE_LIMITS = {
        **settings.ENGAGE_RATE_LIMITS,
        "forum_post": {"user": [(1, 3600)]},
    }
    # Counting starts now: the first post in the hour goes through, the next is refused.
    assert client.post(url, {"text": "More"}, content_type="application/json").status_code == 201
    flood = client.post(url, {"text": "Even more"}, content_type="application/json")
    assert flood.status_code == 429
    assert int(flood["Retry-After"]) > 0 and "try again" in flood.json()["detail"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": ""}, "empty"),
        ({"text": "x" * 100_000}, "too_long"),
        ({"text": "ok\x00"}, "invalid_characters"),
        ({"text": "Hi", "language": "xx"}, "bad_language"),
    ],
)
def test_api_bad_posts_are_400_with_a_code(client, claim, roles, body, code):
    client.force_login(roles["resident"])
    response = client.post(
        f"/api/v1/forums/threads/{claim.pk}/posts", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["detail"]
    assert not Post.objects.exists()


def test_forum_page_query_count_does_not_grow_with_threads(client, forum, roles):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(forum.url).status_code == 200
        return len(queries)

    start_discussion(roles["resident"], forum)
    count()
    few = count()
    for number in range(6):
        start_claim(UserFactory(), forum, title=f"Claim {number}")
    assert count() == few


def test_openapi_document_lists_the_forum_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/forums/",
        "/api/v1/forums/claims",
        "/api/v1/forums/threads/{thread_id}/posts",
        "/api/v1/forums/fact-checks/{fact_check_id}/publish",
    ):
        assert path in paths, path


def test_suspended_reviewer_sees_why_publishing_failed(client, claim, roles):
    import datetime

    from django.utils import timezone

    from engage.moderation.models import ModerationProfile
    from forums import services
    from tests.forums.conftest import SOURCES

    fact_check = services.write_fact_check(
        roles["leader"], claim, verdict="false", text="By need.", sources=SOURCES
    )
    ModerationProfile.objects.update_or_create(
        user=roles["staff"],
        defaults={"suspended_until": timezone.now() + datetime.timedelta(days=2)},
    )
    client.force_login(roles["staff"])
    response = client.post(
        reverse("forums:fact_check_publish", kwargs={"pk": fact_check.pk}), follow=True
    )
    assert "suspended until" in response.content.decode()
    api = client.post(f"/api/v1/forums/fact-checks/{fact_check.pk}/publish")
    assert api.status_code == 403 and api.json()["code"] == "suspended"


def test_locked_thread_offers_no_edit_and_refuses_it(client, claim, roles):
    from forums import services
    from forums.models import Thread

    post = services.post_reply(roles["resident"], claim, "Text")
    Thread.objects.filter(pk=claim.pk).update(is_locked=True)
    client.force_login(roles["resident"])
    page = client.get(claim.get_absolute_url()).content.decode()
    assert reverse("forums:post_edit", kwargs={"pk": post.pk}) not in page
    assert reverse("forums:thread_edit", kwargs={"pk": claim.pk}) not in page
    response = client.post(reverse("forums:post_edit", kwargs={"pk": post.pk}), {"text": "Changed"})
    assert response.status_code == 404


def test_a_fact_check_shows_how_many_found_it_helpful_once_someone_has(client, forum, roles):
    claim = start_claim(roles["resident"], forum, title="The pool is closing", language="en")
    checked = published_fact_check(roles["leader"], roles["staff"], claim)
    url = reverse("forums:thread", kwargs={"pk": claim.pk})
    # Before the first mark there is no count ("0 people found this helpful").
    assert "found this helpful" not in client.get(url).content.decode()
    services.mark_helpful(roles["resident"], checked)
    assert "<bdi>1</bdi> person found this helpful" in client.get(url).content.decode()
