"""The shared live client (engage/static/engage/js/live-socket.js) on a forum thread
page: a message the channel layer dropped (a skipped sequence number) makes the page
resync from the server, so the reply it missed appears without a reload; a thread
settings change is swapped in from the server's rendering and announced politely."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import outside_browser_loop

pytestmark = pytest.mark.browser

LIVE_TIMEOUT = 30_000


def test_gap_in_sequence_resyncs_thread_and_settings_change_is_live(
    page, asgi_live_server, home_page, settings
):
    from engage.realtime.broadcast import next_sequence, send_now
    from engage.realtime.groups import forum_thread_group
    from forums import services
    from forums.models import ForumIndexPage, Post
    from tests.factories import UserFactory, moderator, with_totp
    from tests.forums.conftest import build_forum, start_discussion

    settings.MODERATION_TRUSTED_AFTER = 0
    settings.ENGAGE_BROADCAST_TIMEOUT = 15
    cache.clear()
    index = ForumIndexPage(title="Forums", slug="forums")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    forum = build_forum(index)
    author = UserFactory(display_name="Rania")
    replier = UserFactory(display_name="Nadia")
    thread = start_discussion(author, forum)
    group = forum_thread_group(thread.pk)

    page.goto(f"{asgi_live_server.url}/en/forums/threads/{thread.pk}/")
    page.wait_for_selector("[data-live-connected]")
    root = page.locator("[data-thread-live]")

    # An event this page does not act on sets the page's last sequence number.
    with outside_browser_loop():
        assert send_now(group, "reaction.counts", {})
    # A reply is saved, but the layer drops its message: its number is used, never sent.
    text = "A reply the socket never delivered."
    post = Post.objects.create(
        thread=thread,
        author=replier,
        body_text=text,
        body_html=f"<p>{text}</p>",
        body_hash=services.body_hash(text),
        language="en",
        status="published",
        created_at=timezone.now(),
    )
    assert next_sequence(group) is not None
    # The next message arrives with a skipped number: the page fetches itself again.
    with outside_browser_loop():
        assert send_now(group, "reaction.counts", {})
    missed = page.locator(f"#post-{post.pk}")
    expect(missed).to_contain_text(text, timeout=LIVE_TIMEOUT)
    # Swapped in from the server's rendering: the name is isolated as on a reload.
    assert missed.locator(".post__author bdi.person-name").inner_text() == "Nadia"
    assert root.get_attribute("data-live-resynced")

    # A moderator locks the thread: the header shows it, and it is announced.
    mod = with_totp(moderator(display_name="Mo"))
    with outside_browser_loop():
        services.update_thread_settings(mod, thread, is_locked=True)
    expect(page.locator(".thread__header")).to_contain_text("Locked", timeout=LIVE_TIMEOUT)
    expect(page.locator("[data-live-announcer]")).to_have_text(
        "This thread is now locked: no new replies."
    )
