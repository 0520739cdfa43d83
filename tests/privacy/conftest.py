"""Fixtures for people's rights: a person with something in every app, and a neighbour
whose data must never show up in the person's download."""

from dataclasses import dataclass

import pytest

from tests import factories
from tests.exports.conftest import heard, staff  # noqa: F401 - export fixtures, reused
from tests.forums.conftest import forum_index  # noqa: F401 - forum fixture, reused


@dataclass
class Person:
    user: object
    other: object
    moderator: object
    comment: object
    other_comment: object
    consultation: object


@pytest.fixture
def person(consultation, django_capture_on_commit_callbacks):
    from consultations.following.services import follow
    from consultations.models import Comment, CommentStatus
    from consultations.services import post_comment
    from engage.communities import services as communities
    from engage.moderation.models import AccountNote

    user = factories.UserFactory(display_name="Dana Rightsholder", email="dana@example.org")
    other = factories.UserFactory(display_name="Neighbour Notme", email="neighbour@example.org")
    moderator = factories.with_totp(factories.moderator(display_name="Mod Erator"))
    group = factories.community_group()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(user, consultation, "My own words about the park")
        other_comment = post_comment(other, consultation, "Someone else's words entirely")
        follow(user, consultation)
        communities.give_consent(user)
        communities.declare(user, group.dimension, group)
    # Published, as a moderator would (pre-moderation is not what these tests are about).
    Comment.objects.filter(pk__in=[comment.pk, other_comment.pk]).update(
        status=CommentStatus.PUBLISHED
    )
    comment.refresh_from_db()
    other_comment.refresh_from_db()
    # Reactions go to published comments; whether this one is published depends on the
    # consultation's moderation mode, which is not what these tests are about.
    factories.ReactionFactory(
        user=user, consultation=consultation, comment=other_comment, value="support"
    )
    AccountNote.objects.create(account=user, author=moderator, text="PRIVATE-MODERATOR-NOTE")
    return Person(user, other, moderator, comment, other_comment, consultation)
