"""Fixtures for following and notifications: a post-moderated consultation (comments
publish at once), people with each notification setting, and on-commit callbacks run."""

import pytest

from consultations.following.models import NotificationMode
from consultations.models import ModerationMode
from tests.factories import NotificationPreferenceFactory, UserFactory, build_consultation


@pytest.fixture(autouse=True)
def _publish_at_once(settings):
    # New residents' comments publish at once on post-moderated consultations.
    settings.MODERATION_TRUSTED_AFTER = 0
    settings.FOLLOWING_FOLLOW_ON_COMMENT = True
    settings.CLOSING_SOON_DAYS = 3


@pytest.fixture
def post_moderated(consultation_index):
    return build_consultation(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )


@pytest.fixture
def person_with_mode():
    def build(mode, **kwargs):
        user = UserFactory(**kwargs)
        if mode is not None:
            NotificationPreferenceFactory(user=user, mode=mode)
        return user

    return build


@pytest.fixture
def immediate(person_with_mode):
    return person_with_mode(NotificationMode.IMMEDIATE)


@pytest.fixture
def daily(person_with_mode):
    return person_with_mode(NotificationMode.DAILY)


@pytest.fixture
def off(person_with_mode):
    return person_with_mode(NotificationMode.OFF)
