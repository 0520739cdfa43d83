"""Translations on the pages that show resident content: comments (consultations),
forum posts and opinion statements. Off by default (nothing changes with the null
backend); with a service, a cached translation shows with its notice and the original
in a <details> (the no-JavaScript path), lang and dir on both; otherwise the text is
marked for the script to ask the endpoint. Moderators always see the original."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from consultations.models import Comment
from engage.machine_translation import services
from engage.moderation.content import ContentStatus
from forums.models import ForumIndexPage, Post
from forums.services import post_reply
from tests.factories import UserFactory, build_consultation, moderator, with_totp
from tests.factories.opinions import OpinionMapFactory, StatementFactory
from tests.forums.conftest import build_forum, start_discussion

pytestmark = pytest.mark.django_db

MARKERS = ("data-machine-translation", "machine_translation/translate.js", "data-mt-src")


def in_language(url, language):
    return re.sub(r"^/[a-z]{2}/", f"/{language}/", url)


@pytest.fixture
def comment(consultation_index):
    page = build_consultation(consultation_index, slug="benches")
    author = UserFactory()
    return Comment.objects.create(
        consultation=page,
        author=author,
        body_text="More benches by the river.",
        body_html="<p>More benches by the river.</p>",
        language="en",
        status=ContentStatus.PUBLISHED,
    )


@pytest.fixture
def post(home_page, settings):
    settings.MODERATION_TRUSTED_AFTER = 0
    index = ForumIndexPage(title="Forums", slug="forums")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    forum = build_forum(index)
    thread = start_discussion(UserFactory(), forum)
    post = post_reply(
        UserFactory(), thread, "Que pensez-vous du parc ?", language="fr", accept_guidelines=True
    )
    Post.objects.filter(pk=post.pk).update(status=ContentStatus.PUBLISHED)
    post.refresh_from_db()
    return post


@pytest.fixture
def statement():
    return StatementFactory(
        map=OpinionMapFactory(),
        text="Moins de voitures.",
        body_html="<p>Moins de voitures.</p>",
        language="fr",
    )


def comment_page(comment, language):
    with translation.override(language):
        return in_language(comment.consultation.url, language)


def post_page(post, language):
    with translation.override(language):
        return reverse("forums:thread", kwargs={"pk": post.thread_id})


def statement_page(statement, language):
    with translation.override(language):
        return reverse("opinions:vote", kwargs={"map_id": statement.map_id})


PAGES = {"comment": comment_page, "post": post_page, "statement": statement_page}


@pytest.fixture
def content(request):
    """The comment, post or statement the test is parametrised with."""
    return request.getfixturevalue(request.param)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("content", ["comment", "post", "statement"], indirect=True)
def test_with_the_null_backend_no_page_changes(client, content):
    """The default: the text shows as the page always showed it, with nothing added."""
    target = "ar" if content.language == "en" else "en"
    html = get(client, PAGES[type(content).__name__.lower()](content, target))
    assert content.body_text in html
    assert not any(marker in html for marker in MARKERS)


def test_the_tag_renders_exactly_what_it_wraps_when_off(comment):
    template = Template(
        "{% load machine_translation %}{% translatable c %}<b>{{ c.body_text }}</b>{% endtranslatable %}"
    )
    with translation.override("ar"):
        assert template.render(Context({"c": comment})) == "<b>More benches by the river.</b>"


@pytest.mark.parametrize("content", ["comment", "post", "statement"], indirect=True)
def test_a_cached_translation_shows_with_the_original_a_click_away(translating, client, content):
    target = "ar" if content.language == "en" else "en"
    services.translate(content, None, target)

    html = get(client, PAGES[type(content).__name__.lower()](content, target))

    box = re.search(r"<div class=\"machine-translation\".*?data-mt-status", html, re.S).group(0)
    assert f"[{target}] {content.body_text}" in box
    with translation.override(target):
        notice = gettext("Show original")
    assert 'class="machine-translation__notice"' in box and notice in box
    # No JavaScript: the original is in a <details> the reader opens.
    details = re.search(r"<details[^>]*data-mt-details.*?</details>", box, re.S).group(0)
    assert content.body_text in details
    assert f'lang="{content.language}"' in details
    assert "machine_translation/translate.js" in html


def test_a_right_to_left_target_sets_lang_and_dir_on_both_texts(translating, client, comment):
    services.translate(comment, None, "ar")

    html = get(client, comment_page(comment, "ar"))

    assert re.search(r'<div class="machine-translation__text" lang="ar" dir="rtl"', html)
    assert re.search(r'<div lang="en" dir="ltr" data-mt-original>', html)
    assert 'aria-live="polite" data-mt-status' in html


def test_without_a_cached_translation_the_page_asks_the_endpoint(translating, client, statement):
    html = get(client, statement_page(statement, "en"))

    url = reverse(
        "machine_translation:translation", kwargs={"kind": "statement", "pk": statement.pk}
    )
    assert f'data-mt-src="{url.replace("/ar/", "/en/")}"' in html or f'data-mt-src="{url}"' in html
    assert translating.translate_calls == []  # the page itself never waits for the service


@pytest.mark.parametrize("content", ["comment", "post", "statement"], indirect=True)
def test_moderators_see_the_original_even_when_a_translation_is_cached(
    translating, client, content
):
    target = "ar" if content.language == "en" else "en"
    services.translate(content, None, target)
    client.force_login(with_totp(moderator()))

    html = get(client, PAGES[type(content).__name__.lower()](content, target))

    assert content.body_text in html
    assert f"[{target}]" not in html
    assert not any(marker in html for marker in MARKERS)
