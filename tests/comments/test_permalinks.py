"""A link to a comment (`<consultation>?comment=<id>#comment-<id>`) lands on the page of
its thread that shows it, however old it is; a reply's link lands on the comment it
answers; the page links of the other threads are left alone."""

import datetime
import re

import pytest
from django.utils import timezone

from consultations.comments import COMMENTS_PER_PAGE
from consultations.models import Comment, CommentStatus
from consultations.services import post_comment

pytestmark = pytest.mark.django_db


def old_comments(consultation, author, count, proposal=None):
    """`count` published first-level comments, newest first: index n is n minutes old."""
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            proposal=proposal,
            author=author,
            body_text=f"Comment {n}",
            body_html=f"<p>Comment {n}</p>",
            language="en",
            status=CommentStatus.PUBLISHED,
            created_at=now - datetime.timedelta(minutes=n + 1),
        )
        for n in range(count)
    )
    return list(
        Comment.objects.filter(consultation=consultation, proposal=proposal).order_by(
            "-created_at", "-pk"
        )
    )


def current_page(content, param):
    match = re.search(rf'href="\?{param}=(\d+)" aria-current="page"', content)
    return int(match.group(1)) if match else None


def test_a_link_to_an_old_comment_lands_on_its_page(client, post_moderated, resident):
    comments = old_comments(post_moderated, resident, COMMENTS_PER_PAGE * 3)
    target = comments[COMMENTS_PER_PAGE * 2 + 5]  # on page 3
    content = client.get(f"{post_moderated.url}?comment={target.pk}").content.decode()
    assert f'id="comment-{target.pk}"' in content
    assert current_page(content, "comments-page") == 3
    # Without the parameter, the first page: the anchor alone would miss it.
    assert f'id="comment-{target.pk}"' not in client.get(post_moderated.url).content.decode()


def test_a_link_to_a_reply_lands_on_the_comment_it_answers(
    client, post_moderated, resident, proposal_for
):
    first, second = proposal_for(post_moderated, "First"), proposal_for(post_moderated, "Second")
    old_comments(post_moderated, resident, 5, proposal=first)
    comments = old_comments(post_moderated, resident, COMMENTS_PER_PAGE + 3, proposal=second)
    answered = comments[-1]  # the oldest: page 2 of the second proposal
    reply = post_comment(resident, post_moderated, "A reply.", parent=answered)
    content = client.get(
        f"{post_moderated.url}?comment={reply.pk}&p{first.pk}-page=1"
    ).content.decode()
    assert f'id="comment-{answered.pk}"' in content
    assert current_page(content, f"p{second.pk}-page") == 2


@pytest.mark.parametrize("target", ["hidden", "elsewhere", "nonsense"])
def test_a_link_to_a_comment_not_shown_here_shows_the_first_page(
    client, post_moderated, resident, consultation_index, target
):
    from tests.factories import build_consultation

    comments = old_comments(post_moderated, resident, COMMENTS_PER_PAGE + 2)
    if target == "hidden":
        Comment.objects.filter(pk=comments[-1].pk).update(status=CommentStatus.HIDDEN)
        query = f"?comment={comments[-1].pk}"
    elif target == "elsewhere":
        other = build_consultation(consultation_index, title="Other", slug="other")
        query = f"?comment={old_comments(other, resident, 1)[0].pk}"
    else:
        query = "?comment=1e9"
    response = client.get(post_moderated.url + query)
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="comment-{comments[0].pk}"' in content
    assert current_page(content, "comments-page") == 1
