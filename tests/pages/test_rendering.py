"""Every page type renders, in every language, with exactly one <h1>."""

import pytest

from .helpers import assert_one_h1

PAGE_FIXTURES = [
    "home_page",
    "standard_page",
    "consultation_index",
    "consultation",
    "forum_index",
    "forum_page",
]


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
@pytest.mark.django_db
def test_page_renders_with_one_h1(client, request, fixture):
    page = request.getfixturevalue(fixture)
    assert_one_h1(client.get(page.url), page.title)


# Every configured language is checked site-wide (tests/test_site.py); here the ones
# whose catalogues ship with Django, plus both right-to-left ones.
@pytest.mark.parametrize("code", ["en", "ar", "fr", "de", "ur"])
def test_consultation_loads_in_every_language(client, consultation, code):
    response = client.get(f"/{code}/consultations/{consultation.slug}/")
    assert_one_h1(response)


def test_standard_page_renders_its_body_headings_below_h1(client, standard_page):
    html = client.get(standard_page.url).content.decode()
    assert "<h2>How to take part</h2>" in html
    assert "<p>Create an account.</p>" in html


def test_forum_page_shows_guidelines_and_an_empty_state(client, forum_page):
    html = client.get(forum_page.url).content.decode()
    assert "Be kind." in html
    assert "No discussions yet." in html


def test_forum_index_lists_its_forums(client, forum_page, forum_index):
    html = client.get(forum_index.url).content.decode()
    assert forum_page.url in html


def test_unpublished_forum_is_not_listed(client, forum_page, forum_index):
    forum_page.unpublish()
    html = client.get(forum_index.url).content.decode()
    assert forum_page.title not in html
    assert "There are no forums yet." in html
