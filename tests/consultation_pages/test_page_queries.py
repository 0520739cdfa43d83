"""How many queries a consultation page costs against a plain content page, as served
in production: outside a transaction, so the shared role cache (view restrictions,
verified email, groups: engage.accounts.role_cache) is used as it is between requests.

An anonymous visitor's consultation page costs what the plain page does; a signed-in
reader's one query more (their own state, `comment_section.reader_state`); a reader
with cards of their own on the page one more again (those cards)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consultations.engagement.services import react
from consultations.models import Comment, CommentStatus
from consultations.services import post_comment
from home.models import StandardPage
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def queries(client, url):
    assert client.get(url).status_code == 200  # warm: site root, caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_consultation_page_costs_at_most_two_queries_more_than_a_plain_page(
    home_page, consultation
):
    standard = StandardPage(title="How to take part", slug="how-to-take-part")
    home_page.add_child(instance=standard)
    standard.save_revision().publish()
    comment = post_comment(UserFactory(), consultation, "A first comment.")
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.PUBLISHED)
    comment.refresh_from_db()
    participant = UserFactory()
    react(participant, comment, "support")

    anonymous, reader, taking_part = Client(), signed_in(UserFactory()), signed_in(participant)
    plain = {
        "anonymous": queries(anonymous, standard.url),
        "signed in": queries(reader, standard.url),
    }
    page = {
        "anonymous": queries(anonymous, consultation.url),
        "signed in": queries(reader, consultation.url),
        "taken part": queries(taking_part, consultation.url),
    }
    assert page["anonymous"] == plain["anonymous"]
    assert page["signed in"] == plain["signed in"] + 1
    assert page["taken part"] == plain["signed in"] + 2
