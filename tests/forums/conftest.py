"""Fixtures for forum tests: a published forum with guidelines and topics, people in
every role, and helpers to make threads, posts and fact-checks through the services."""

import pytest
from django.core.cache import cache

from forums import services
from forums.models import ForumIndexPage, ForumPage, ThreadKind, Topic, Verdict
from tests.factories import (
    UserFactory,
    city_staff,
    leader,
    moderator,
    partner_member,
    with_totp,
)

SOURCES = [{"title": "ONS Census 2021", "url": "https://www.ons.gov.uk/census"}]


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    """Residents' posts publish at once (no trust threshold) and rate limits start empty."""
    settings.MODERATION_TRUSTED_AFTER = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def forum_index(home_page):
    index = ForumIndexPage(title="Forums", slug="forums")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def build_forum(index, slug="myths", title="Myths and facts", **fields):
    forum = ForumPage(
        title=title,
        slug=slug,
        intro="<p>Check what you heard.</p>",
        posting_guidelines="<p>Be kind. Give sources.</p>",
        **fields,
    )
    index.add_child(instance=forum)
    forum.save_revision().publish()
    Topic.objects.create(forum=forum, name="Housing", slug="housing")
    Topic.objects.create(forum=forum, name="Funding", slug="funding")
    return forum


@pytest.fixture
def forum(forum_index):
    return build_forum(forum_index)


@pytest.fixture
def roles(db):
    """One person in each role (moderator and staff with two-factor set up)."""
    return {
        "resident": UserFactory(display_name="Rania"),
        "leader": leader(display_name="Leila"),
        "staff": with_totp(city_staff(display_name="Sam")),
        "partner": partner_member(display_name="Pat"),
        "moderator": with_totp(moderator(display_name="Mo")),
    }


def start_claim(user, forum, title="I heard the new flats are only for newcomers", **kwargs):
    kwargs.setdefault("text", "Someone said it at the bus stop.")
    kwargs.setdefault("heard_where", "At the bus stop")
    kwargs.setdefault("accept_guidelines", True)
    return services.start_thread(user, forum, title=title, kind=ThreadKind.CLAIM, **kwargs)


def start_discussion(user, forum, title="Ideas for the park", **kwargs):
    kwargs.setdefault("text", "What would you like to see?")
    kwargs.setdefault("accept_guidelines", True)
    return services.start_thread(user, forum, title=title, **kwargs)


def published_fact_check(author, reviewer, claim, verdict=Verdict.FALSE, text=None):
    fact_check = services.write_fact_check(
        author,
        claim,
        verdict=verdict,
        text=text or "The flats are allocated by need, under the published policy.",
        sources=SOURCES,
        language="en",
    )
    return services.publish_fact_check(reviewer, fact_check)


@pytest.fixture
def claim(forum, roles):
    return start_claim(roles["resident"], forum)
