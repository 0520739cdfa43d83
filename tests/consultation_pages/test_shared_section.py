"""The comment section is rendered once for readers who see it alike and each signed-in
reader's own state is laid over it (consultations.comment_section): a new, edited or
hidden comment, a reaction and a report show at once for the right readers, and one
reader's reaction, edit links or report never show to another. Query counts are pinned;
no test here measures time."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.comment_section import Section
from consultations.engagement.services import react
from consultations.models import Comment, CommentStatus, ModerationMode, Proposal
from consultations.services import edit_comment, post_comment
from engage.moderation.models import ActionKind, ReportReason
from engage.moderation.services import moderate, report_content
from tests.factories import UserFactory, build_consultation, moderator, with_totp

pytestmark = pytest.mark.django_db

REPORTED = "You have reported this comment to the moderators."


@pytest.fixture
def consultation(consultation_index):
    """Comments publish at once here (post-moderation)."""
    return build_consultation(
        consultation_index,
        title="Park benches",
        slug="park-benches",
        moderation_mode=ModerationMode.POST,
    )


def reader(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page_of(client, consultation):
    response = client.get(consultation.url)
    assert response.status_code == 200
    return response.content.decode()


def card(content, comment):
    match = re.search(
        rf'<article class="comment[^"]*" id="comment-{comment.pk}".*?</article>', content, re.S
    )
    assert match, f"no card for comment {comment.pk}"
    return match.group(0)


def pressed(html):
    return re.findall(r'aria-pressed="true" data-value="(\w+)"', html)


def test_a_reaction_is_pressed_for_its_reader_alone_and_counted_for_all(consultation):
    author, fan, other = UserFactory(), UserFactory(), UserFactory()
    comment = post_comment(author, consultation, "More benches by the pond.")
    # Every kind of reader fills the shared sections first, the reactor last.
    readers = {"other": reader(other), "anonymous": reader(), "author": reader(author)}
    for client in readers.values():
        page_of(client, consultation)
    react(fan, comment, "support")
    mine = card(page_of(reader(fan), consultation), comment)
    assert pressed(mine) == ["support"]
    assert 'data-reaction-value="support">1<' in mine
    for name, client in readers.items():
        theirs = card(page_of(client, consultation), comment)
        assert pressed(theirs) == [], name
        assert 'data-reaction-value="support">1<' in theirs, name


def test_a_proposal_reaction_is_pressed_for_its_reader_alone(consultation):
    proposal = Proposal.objects.create(page=consultation, title="Option A", body="<p>A.</p>")
    fan, other = UserFactory(), UserFactory()
    page_of(reader(other), consultation)  # the shared section, before the reaction
    react(fan, proposal, "oppose")

    def buttons(content):
        start = content.index(f'id="reactions-proposal-{proposal.pk}"')
        return content[start : content.index("</div>", start)]

    mine = buttons(page_of(reader(fan), consultation))
    assert pressed(mine) == ["oppose"]
    assert 'data-reaction-value="oppose">1<' in mine
    theirs = buttons(page_of(reader(other), consultation))
    assert pressed(theirs) == []
    assert 'data-reaction-value="oppose">1<' in theirs


def test_edit_links_show_to_the_author_alone_though_they_filled_the_cache(consultation):
    author, other = UserFactory(), UserFactory()
    comment = post_comment(author, consultation, "Paint them green.")
    own = card(page_of(reader(author), consultation), comment)  # fills the shared section
    assert "/edit/" in own and "/withdraw/" in own and "Report" not in own
    for client in (reader(other), reader()):
        theirs = card(page_of(client, consultation), comment)
        assert "/edit/" not in theirs and "/withdraw/" not in theirs
        assert "Report" in theirs


def test_a_new_and_an_edited_comment_show_to_every_reader_at_once(consultation):
    author = UserFactory()
    readers = [reader(), reader(UserFactory()), reader(author)]
    for client in readers:
        assert "Paint them green." not in page_of(client, consultation)
    comment = post_comment(author, consultation, "Paint them green.")
    for client in readers:
        assert "Paint them green." in page_of(client, consultation)
    edit_comment(author, comment, "Paint them blue.")
    for client in readers:
        content = page_of(client, consultation)
        assert "Paint them blue." in content and "Paint them green." not in content


def test_a_hidden_comment_leaves_every_readers_page(consultation):
    author = UserFactory()
    comment = post_comment(author, consultation, "Soon hidden.")
    readers = [reader(), reader(UserFactory()), reader(author)]
    for client in readers:
        assert "Soon hidden." in page_of(client, consultation)
    moderate(with_totp(moderator()), comment, ActionKind.HIDE, public_reason="Off topic.")
    for client in readers:
        assert "Soon hidden." not in page_of(client, consultation)


def test_a_report_shows_to_the_reporter_alone(consultation):
    comment = post_comment(UserFactory(), consultation, "Benches are a waste of money.")
    reporter, other = UserFactory(), UserFactory()
    page_of(reader(other), consultation)
    report_content(reporter, comment, ReportReason.OFF_TOPIC)
    mine = card(page_of(reader(reporter), consultation), comment)
    assert REPORTED in mine and "/report/" not in mine
    for client in (reader(other), reader()):
        theirs = card(page_of(client, consultation), comment)
        assert REPORTED not in theirs and "Report" in theirs


def test_a_report_shows_on_the_replies_page_too(consultation):
    comment = post_comment(UserFactory(), consultation, "First.")
    reply = post_comment(UserFactory(), consultation, "A reply.", parent=comment)
    reporter = UserFactory()
    report_content(reporter, reply, ReportReason.SPAM)
    report_content(reporter, comment, ReportReason.SPAM)
    url = reverse("consultations:comment_replies", kwargs={"pk": comment.pk})
    content = reader(reporter).get(url).content.decode()
    assert content.count(REPORTED) == 2


def test_a_comment_awaiting_moderation_shows_to_its_author_alone(consultation_index):
    pre = build_consultation(consultation_index, title="Pre", slug="pre")
    author = UserFactory()
    post_comment(UserFactory(), pre, "Already published.")
    Comment.objects.update(status=CommentStatus.PUBLISHED)
    post_comment(author, pre, "Waiting for a moderator.")
    assert "Waiting for a moderator." in page_of(reader(author), pre)
    for client in (reader(UserFactory()), reader()):
        content = page_of(client, pre)
        assert "Already published." in content and "Waiting for a moderator." not in content


def test_following_is_read_with_the_readers_state(consultation):
    from consultations.following.services import follow

    fan = UserFactory()
    follow(fan, consultation)
    assert "You follow this consultation." in page_of(reader(fan), consultation)
    assert "You follow this consultation." not in page_of(reader(UserFactory()), consultation)


def comment_queries(captured):
    tables = ("consultations_comment", "engagement_reaction", "moderation_report")
    return [q["sql"] for q in captured if any(t in q["sql"] for t in tables)]


def test_queries_of_the_shared_section_and_the_overlay(consultation):
    """Anonymous visitors read no comment at all; a signed-in reader one query for their
    own state; a reader with cards of their own one more, however many."""
    comments = [post_comment(UserFactory(), consultation, f"Comment {n}.") for n in range(6)]
    fan, few, other = UserFactory(), UserFactory(), UserFactory()
    for comment in comments:
        react(fan, comment, "unsure")
    react(few, comments[0], "support")
    clients = {
        "anonymous": reader(),
        "other": reader(other),
        "few": reader(few),
        "fan": reader(fan),
    }
    measured = {}
    for name, client in clients.items():
        page_of(client, consultation)  # warm: site root, snapshots, shared section
        with CaptureQueriesContext(connection) as captured:
            content = page_of(client, consultation)
        measured[name] = (len(captured), len(comment_queries(captured)))
        assert content.count('class="comment"') == 6
    assert measured["anonymous"][1] == 0
    assert measured["other"][1] == 1
    assert measured["few"][1] == measured["fan"][1] == 2
    assert measured["few"][0] == measured["fan"][0] == measured["other"][0] + 1


def test_the_shared_section_holds_nothing_of_the_reader_who_filled_it(consultation, monkeypatch):
    from consultations import thread_cache

    stored = []
    real_set = thread_cache.set_section
    monkeypatch.setattr(
        thread_cache,
        "set_section",
        lambda key, value, *args: (stored.append(value), real_set(key, value, *args)),
    )
    author = UserFactory()
    comment = post_comment(author, consultation, "Mine.")
    react(author, comment, "support")
    report_content(author_of_report := UserFactory(), comment, ReportReason.SPAM)
    for user in (author, author_of_report):
        own = card(page_of(reader(user), consultation), comment)
        assert "/edit/" in own or REPORTED in own
    assert stored, "the page stored no shared section"
    for value in stored:
        html = Section.from_cache(value).join()
        assert "Mine." in html
        assert "/edit/" not in html and 'aria-pressed="true"' not in html
        assert REPORTED not in html


def test_following_shows_at_once_though_the_article_was_cached(consultation):
    from consultations.following.services import follow, unfollow

    fan, other = UserFactory(), UserFactory()
    page_of(reader(other), consultation)  # the shared article, before anyone follows
    page_of(reader(fan), consultation)
    follow(fan, consultation)
    assert "You follow this consultation." in page_of(reader(fan), consultation)
    assert "You follow this consultation." not in page_of(reader(other), consultation)
    unfollow(fan, consultation)
    assert "You follow this consultation." not in page_of(reader(fan), consultation)


def test_a_new_survey_shows_at_once(consultation):
    from tests.factories.engagement import SurveyFactory

    assert "Bench colours" not in page_of(reader(), consultation)
    SurveyFactory(consultation=consultation, title="Bench colours", is_active=True)
    assert "Bench colours" in page_of(reader(), consultation)


def test_a_brief_and_its_co_authors_show_at_once_and_a_withdrawn_name_leaves(consultation):
    from django.utils import timezone

    from consultations.briefs.models import Brief, SignOff
    from tests.factories.codesign import CoDesignSessionFactory

    author = UserFactory(display_name="Amal Haddad")
    session = CoDesignSessionFactory(consultation=consultation)
    assert "Co-authors:" not in page_of(reader(), consultation)
    brief = Brief.objects.create(
        session=session,
        status=Brief.Status.PUBLISHED,
        published_html="<p>What we agreed.</p>",
        published_at=timezone.now(),
    )
    SignOff.objects.create(
        brief=brief, user=author, decision=SignOff.Decision.APPROVE, agree_to_be_named=True
    )
    content = page_of(reader(), consultation)
    assert "What we agreed." in content and "Amal Haddad" in content
    # The privacy path writes with update() (no signal): the name still leaves at once.
    SignOff.objects.filter(user=author).update(agree_to_be_named=False)
    content = page_of(reader(), consultation)
    assert "What we agreed." in content and "Amal Haddad" not in content
