"""The consultation page's comment cards are cached fragments (consultations.comments):
an edit, a withdrawal, a moderation decision or a reaction shows at once, and what is
personal (the CSRF token, the return address, "Edit") never leaks to another reader.
The page links stay few however many comments there are."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from consultations.comments import COMMENTS_PER_PAGE
from consultations.engagement.services import react
from consultations.models import Comment, CommentStatus
from consultations.services import edit_comment, post_comment, withdraw_comment
from engage.moderation.models import ActionKind
from engage.moderation.services import moderate
from tests.factories import UserFactory, moderator, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(post_moderated):
    """Comments publish at once here (post-moderation)."""
    return post_moderated


def page_of(client, consultation, query=""):
    response = client.get(consultation.url + query)
    assert response.status_code == 200
    return response.content.decode()


def card(content, comment):
    match = re.search(
        rf'<article class="comment[^"]*" id="comment-{comment.pk}".*?</article>', content, re.S
    )
    assert match, f"no card for comment {comment.pk}"
    return match.group(0)


def test_an_edit_and_a_withdrawal_show_at_once(client, consultation, resident):
    comment = post_comment(resident, consultation, "First words.")
    assert "First words." in card(page_of(client, consultation), comment)
    edit_comment(resident, comment, "Second thoughts.")
    shown = card(page_of(client, consultation), comment)
    assert "Second thoughts." in shown and "First words." not in shown
    assert "edited" in shown
    withdraw_comment(resident, Comment.objects.get(pk=comment.pk))
    assert "withdrawn by its author" in card(page_of(client, consultation), comment)


def test_a_hidden_comment_leaves_the_page(client, consultation, resident):
    comment = post_comment(resident, consultation, "Soon hidden.")
    assert "Soon hidden." in page_of(client, consultation)
    moderate(with_totp(moderator()), comment, ActionKind.HIDE, public_reason="Off topic.")
    assert "Soon hidden." not in page_of(client, consultation)


def test_a_status_changed_behind_the_models_back_still_leaves_the_cached_page(
    consultation, resident
):
    """A write that sends no signal (queryset update) leaves the shared section cached
    for a while, but a reader whose page is read from the database never sees it."""
    comment = post_comment(resident, consultation, "Soon hidden.")
    reader = Client()
    reader.force_login(resident)  # has commented: their section is never shared
    assert "Soon hidden." in page_of(reader, consultation)
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.HIDDEN)
    assert "Soon hidden." not in page_of(reader, consultation)


def test_shared_section_is_cached_and_personal_parts_are_not(consultation, resident):
    """Anonymous readers share one rendering; someone who reacted sees their pressed
    button, and others do not."""
    comment = post_comment(resident, consultation, "Shared.")
    anonymous, reacting, other = Client(), Client(), Client()
    someone = UserFactory()
    reacting.force_login(someone)
    other.force_login(UserFactory())
    assert card(page_of(anonymous, consultation), comment)
    react(someone, comment, "oppose")
    mine = card(page_of(reacting, consultation), comment)
    assert re.search(r'aria-pressed="true" data-value="oppose"', mine)
    for reader in (anonymous, other):
        shown = card(page_of(reader, consultation), comment)
        assert 'aria-pressed="true"' not in shown
        assert re.findall(r'data-reaction-value="oppose">(\d+)<', shown) == ["1"]


def test_a_new_reaction_changes_the_counts_shown(client, consultation, resident):
    comment = post_comment(resident, consultation, "React to me.")
    counts = r'data-reaction-value="support">(\d+)<'
    assert re.findall(counts, card(page_of(client, consultation), comment)) == ["0"]
    react(UserFactory(), comment, "support")
    assert re.findall(counts, card(page_of(client, consultation), comment)) == ["1"]


def test_each_reader_gets_their_own_csrf_token_and_can_react_without_javascript(
    consultation, resident
):
    comment = post_comment(resident, consultation, "Shared card.")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(UserFactory())
    second.force_login(UserFactory())
    token_field = r'name="csrfmiddlewaretoken" value="([^"]+)"'
    first_card = card(page_of(first, consultation), comment)
    second_card = card(page_of(second, consultation, "?comments-page=1"), comment)
    assert "\x00" not in first_card + second_card
    # The second reader's card came from the cache, with their own token and address.
    assert re.search(token_field, second_card).group(1) != re.search(token_field, first_card).group(
        1
    )
    assert f'value="{consultation.url}?comments-page=1#comment-{comment.pk}"' in second_card
    response = second.post(
        reverse("consultations:engagement:react", kwargs={"kind": "comment", "pk": comment.pk}),
        {
            "value": "support",
            "next": consultation.url,
            "csrfmiddlewaretoken": re.search(token_field, second_card).group(1),
        },
    )
    assert response.status_code == 302
    assert comment.reactions.filter(value="support").count() == 1


def test_only_the_author_is_offered_edit_and_withdraw(client, consultation, resident):
    comment = post_comment(resident, consultation, "Mine.")
    client.force_login(resident)
    assert "Withdraw" in card(page_of(client, consultation), comment)
    client.force_login(UserFactory())
    other = card(page_of(client, consultation), comment)
    assert "Withdraw" not in other and "Edit" not in other
    assert "Report" in other


def test_page_links_stay_few_with_many_comments(client, consultation, resident):
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            author=resident,
            body_text=f"Comment {n}",
            body_html=f"<p>Comment {n}</p>",
            language="en",
            status=CommentStatus.PUBLISHED,
        )
        for n in range(COMMENTS_PER_PAGE * 40)
    )
    content = page_of(client, consultation, "?comments-page=20")
    links = re.findall(r'href="\?comments-page=(\d+)"', content)
    assert {"1", "18", "19", "20", "21", "22", "40"} <= set(links)
    assert len(links) < 12 and "…" in content
