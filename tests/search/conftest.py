"""Fixtures for the public search: a small city with consultations, comments, a forum
with threads, posts and a fact-checked claim."""

import pytest
from django.core.cache import cache

from consultations.models import Comment, CommentStatus
from tests.factories import UserFactory, build_consultation, city_staff, leader, with_totp
from tests.forums.conftest import build_forum, published_fact_check, start_claim, start_discussion


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    """Residents' posts publish at once and rate limits start empty (as in tests/forums)."""
    settings.MODERATION_TRUSTED_AFTER = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Rania")


def add_comment(consultation, author, text, status=CommentStatus.PUBLISHED, language="en"):
    return Comment.objects.create(
        consultation=consultation,
        author=author,
        body_text=text,
        body_html=f"<p>{text}</p>",
        language=language,
        status=status,
    )


@pytest.fixture
def forum(home_page):
    from forums.models import ForumIndexPage

    index = ForumIndexPage(title="Forums", slug="forums")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return build_forum(index)


@pytest.fixture
def fact_checkers(db):
    return leader(display_name="Leila"), with_totp(city_staff(display_name="Sam"))


__all__ = [
    "add_comment",
    "build_consultation",
    "published_fact_check",
    "start_claim",
    "start_discussion",
]
