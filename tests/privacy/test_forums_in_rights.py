"""Forum claims and posts in "download my data", and withdrawn on deletion when the
person chooses to delete their content."""

import pytest

from engage.accounts.privacy import deletion, exports
from engage.moderation.content import ContentStatus
from forums import services
from forums.models import Post, Thread
from tests import factories
from tests.forums.conftest import build_forum, start_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim_and_reply(settings, forum_index, django_capture_on_commit_callbacks):
    settings.MODERATION_TRUSTED_AFTER = 0
    forum = build_forum(forum_index)
    author = factories.UserFactory()
    other = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        claim = start_claim(author, forum, text="CLAIM-TEXT-OF-AUTHOR")
        reply = services.post_reply(other, claim, text="REPLY-OF-OTHER", accept_guidelines=True)
        own = services.post_reply(author, claim, text="OWN-REPLY-TEXT", accept_guidelines=True)
    return author, claim, reply, own


def test_claims_and_posts_are_in_the_download(claim_and_reply):
    author, claim, _reply, own = claim_and_reply
    forums = exports.personal_data(author)["sections"]["forums"]["data"]
    assert [row["id"] for row in forums["threads"]] == [claim.pk]
    assert [row["body_text"] for row in forums["posts"]] == ["OWN-REPLY-TEXT"]
    assert forums["guidelines_accepted"]


def test_deleting_content_withdraws_the_claim_and_posts_but_not_others_replies(
    claim_and_reply, django_capture_on_commit_callbacks
):
    author, claim, reply, own = claim_and_reply
    with django_capture_on_commit_callbacks(execute=True):
        deletion.erase_account(author, keep_content=False)
    assert Thread.objects.get(pk=claim.pk).status == ContentStatus.WITHDRAWN
    assert Post.objects.get(pk=own.pk).body_text == ""
    assert Post.objects.get(pk=reply.pk).body_text == "REPLY-OF-OTHER"
