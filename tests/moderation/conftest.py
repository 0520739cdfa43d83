"""Fixtures for moderation: a post-moderated consultation, comments, moderators with TOTP."""

import pytest

from consultations.models import ModerationMode
from tests.factories import UserFactory, build_consultation, moderator, with_totp


@pytest.fixture
def open_consultation(consultation_index):
    """A published, open, post-moderated consultation."""
    return build_consultation(
        consultation_index,
        title="Riverside Park",
        slug="riverside-park",
        moderation_mode=ModerationMode.POST,
    )


@pytest.fixture
def mod():
    """A moderator with two-factor authentication, as `accounts.moderate` requires."""
    return with_totp(moderator(preferred_language="en"))


@pytest.fixture
def second_mod():
    return with_totp(moderator())


@pytest.fixture
def author(db):
    return UserFactory(preferred_language="fr")


@pytest.fixture
def make_comment(open_consultation):
    """Post a comment through the real service (so it is counted and queued)."""
    from consultations.services import post_comment

    def make(user, text="The park needs more benches.", consultation=None):
        return post_comment(user, consultation or open_consultation, text)

    return make


@pytest.fixture
def comment(make_comment, author):
    """A published comment by `author` (settings.test trusts everyone from the start)."""
    return make_comment(author)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Matrices send many reports from one address; the limit itself is tested alone."""
    from django.core.cache import cache

    settings.ENGAGE_RATE_LIMITS_ENABLED = False
    cache.clear()
    yield
    cache.clear()
