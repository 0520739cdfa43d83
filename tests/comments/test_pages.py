"""The comment pages without JavaScript: list, post, reply, edit, withdraw; query count."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import thread_cache
from consultations.models import Comment, CommentStatus
from consultations.services import post_comment
from tests.factories import UserFactory, build_consultation, moderator
from tests.pages.helpers import assert_one_h1, h1_texts

pytestmark = pytest.mark.django_db

STATES = {"upcoming": (10, 40), "open": (-7, 21), "closed": (-60, -30)}
ROLES = {
    "anonymous": lambda: None,
    "unverified": lambda: UserFactory(verified=False),
    "resident": UserFactory,
    "moderator": moderator,
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_posting(client, consultation_index, role, state):
    opens, closes = STATES[state]
    page = build_consultation(
        consultation_index, slug=f"c-{state}", opens_in_days=opens, closes_in_days=closes
    )
    user = ROLES[role]()
    if user:
        client.force_login(user)
    allowed = state == "open" and role in ("resident", "moderator")

    shown = client.get(page.url)
    assert_one_h1(shown)
    assert ('name="text"' in shown.content.decode()) == allowed

    response = client.post(
        reverse("consultations:comment_post", kwargs={"consultation_id": page.pk}),
        {"text": "My view.", "language": "en"},
    )
    assert Comment.objects.exists() == allowed
    assert response.status_code == (302 if allowed else 400)


def test_post_shows_awaiting_moderation_to_the_author_only(client, consultation, resident):
    client.force_login(resident)
    response = client.post(
        reverse("consultations:comment_post", kwargs={"consultation_id": consultation.pk}),
        {"text": "Slow the traffic.", "language": "fr"},
        follow=True,
    )
    content = response.content.decode()
    assert "Slow the traffic." in content
    assert "Awaiting moderation" in content
    assert "Written in French" in content
    assert resident.email not in content
    client.force_login(UserFactory())
    assert "Slow the traffic." not in client.get(consultation.url).content.decode()


def test_errors_rerender_the_form_with_the_text_kept(client, consultation, resident):
    client.force_login(resident)
    text = "see https://a.org https://b.org https://c.org https://d.org"
    response = client.post(
        reverse("consultations:comment_post", kwargs={"consultation_id": consultation.pk}),
        {"text": text, "language": "en"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "keep it to 3 links or fewer" in content
    assert text in content
    assert len(h1_texts(response)) == 1
    assert not Comment.objects.exists()


def test_comment_on_a_proposal_and_replies_on_demand(
    client, post_moderated, resident, proposal_for
):
    proposal = proposal_for(post_moderated)
    client.force_login(resident)
    client.post(
        reverse("consultations:comment_post", kwargs={"consultation_id": post_moderated.pk}),
        {
            "proposal": proposal.pk,
            f"p{proposal.pk}-text": "On A.",
            f"p{proposal.pk}-language": "en",
        },
    )
    comment = Comment.objects.get()
    assert comment.proposal == proposal
    replies_url = reverse("consultations:comment_replies", kwargs={"pk": comment.pk})
    response = client.post(
        reverse("consultations:comment_reply", kwargs={"pk": comment.pk}),
        {"text": "A reply.", "language": "en"},
    )
    assert response.status_code == 302
    page = client.get(post_moderated.url).content.decode()
    assert "<bdi>1</bdi> reply" in page
    assert "A reply." not in page  # replies load on their own page
    replies = client.get(replies_url)
    assert_one_h1(replies)
    assert "A reply." in replies.content.decode()


def test_withdrawn_comment_shows_placeholder_and_keeps_replies(client, post_moderated, resident):
    comment = post_comment(resident, post_moderated, "Second thoughts.")
    post_comment(UserFactory(), post_moderated, "Still relevant.", parent=comment)
    client.force_login(resident)
    withdraw_url = reverse("consultations:comment_withdraw", kwargs={"pk": comment.pk})
    assert_one_h1(client.get(withdraw_url))
    client.post(withdraw_url)
    page = client.get(post_moderated.url).content.decode()
    assert "This comment was withdrawn by its author." in page
    assert "Second thoughts." not in page
    assert "<bdi>1</bdi> reply" in page


def test_edit_page_within_the_window_only(client, post_moderated, resident):
    comment = post_comment(resident, post_moderated, "Typo hre.")
    client.force_login(resident)
    url = reverse("consultations:comment_edit", kwargs={"pk": comment.pk})
    assert_one_h1(client.get(url))
    assert client.post(url, {"text": "Typo here."}).status_code == 302
    comment.refresh_from_db()
    assert comment.body_text == "Typo here."
    assert "edited" in client.get(post_moderated.url).content.decode()
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert (
        client.get(reverse("consultations:comment_withdraw", kwargs={"pk": comment.pk})).status_code
        == 404
    )


def add_comments(consultation, count):
    authors = [UserFactory() for _ in range(3)]
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            author=authors[number % 3],
            body_text=f"Comment {number}",
            body_html=f"<p>Comment {number}</p>",
            language="en",
            status=CommentStatus.PUBLISHED,
            created_at=now - datetime.timedelta(seconds=number),
        )
        for number in range(count)
    )
    parents = list(Comment.objects.filter(consultation=consultation)[:5])
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            parent=parent,
            depth=1,
            author=authors[0],
            body_text="Reply",
            body_html="<p>Reply</p>",
            language="en",
            status=CommentStatus.PUBLISHED,
        )
        for parent in parents
    )


@pytest.mark.parametrize("role", ["anonymous", "resident"])
def test_page_queries_do_not_grow_with_comments(
    client, consultation_index, role, django_assert_num_queries
):
    """The same number of queries for 20 and for 2,000 comments, both when the thread
    snapshots are cached (the usual case) and right after a write dropped them; the
    cached page needs fewer."""
    few = build_consultation(consultation_index, title="Few", slug="few")
    many = build_consultation(consultation_index, title="Many", slug="many")
    add_comments(few, 20)
    add_comments(many, 2000)
    if role == "resident":
        client.force_login(UserFactory())
    client.get(few.url)  # warm caches (site root, locale) so both runs are alike
    client.get(many.url)
    counts = {}
    for state in ("cached", "after a write"):
        if state == "after a write":
            thread_cache.invalidate(few.pk)
            thread_cache.invalidate(many.pk)
        with CaptureQueriesContext(connection) as measured:
            first = client.get(few.url)
        assert first.content.decode().count('class="comment"') == 20
        counts[state] = len(measured)
        with django_assert_num_queries(len(measured)):
            response = client.get(many.url)
        content = response.content.decode()
        assert content.count('class="comment"') == 20
        assert "comments-page=2" in content
        assert_one_h1(response)
    assert counts["cached"] < counts["after a write"]


def test_anonymous_sees_published_comments_and_take_part_message(client, post_moderated):
    post_comment(UserFactory(), post_moderated, "Visible to all.")
    assert AnonymousUser().is_authenticated is False
    content = client.get(post_moderated.url).content.decode()
    assert "Visible to all." in content
    assert "Log in or create a free account to take part." in content
    assert 'name="text"' not in content


@pytest.mark.parametrize("text", ["", "   ", "nul\x00byte"])
def test_bad_text_through_the_form_is_explained_and_nothing_saved(
    client, consultation, resident, text
):
    client.force_login(resident)
    response = client.post(
        reverse("consultations:comment_post", kwargs={"consultation_id": consultation.pk}),
        {"text": text, "language": "en"},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Comment.objects.exists()
