"""The public search page, /<lang>/search/: what it finds, in which language, what it
never shows, how it escapes, and what it says about empty or long queries."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from consultations.models import CommentStatus, Proposal
from engage.moderation.content import ContentStatus
from forums.models import Post, Thread, Verdict
from home.search.query import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_PAGE,
    START,
    STOP,
    SearchRequest,
    highlight,
)

from .conftest import (
    add_comment,
    build_consultation,
    published_fact_check,
    start_claim,
    start_discussion,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

TITLE = re.compile(r'class="search-result__title"><a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def search(client, q, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [html.unescape(title) for _url, _attrs, title in TITLE.findall(response.text)]


def search_queries(captured):
    return [q["sql"] for q in captured.captured_queries if "to_tsvector" in q["sql"]]


# Relevance


def test_title_match_ranks_above_a_match_in_the_body_only(client, consultation_index):
    build_consultation(
        consultation_index, title="Opening hours", summary="When should the library bench open?"
    )
    build_consultation(consultation_index, title="A new bench by the river", summary="Seating.")
    assert titles(search(client, "bench")) == ["A new bench by the river", "Opening hours"]


def test_words_are_stemmed_in_the_readers_language(client, consultation_index):
    build_consultation(consultation_index, title="Riverside Park", summary="New playgrounds.")
    assert titles(search(client, "playground")) == ["Riverside Park"]
    assert titles(search(client, "jouer", language="fr")) == []


def test_proposals_and_published_outcome_are_searched(client, consultation_index):
    page = build_consultation(consultation_index, title="Market square", summary="Changes.")
    Proposal.objects.create(page=page, title="Plant chestnut trees", body="<p>Shade</p>")
    result = search(client, "chestnut")
    assert titles(result) == ["Market square"]
    assert "<mark>chestnut</mark>" in result.text.lower()


def test_every_word_must_match(client, consultation_index):
    build_consultation(consultation_index, title="Riverside Park", summary="New benches.")
    build_consultation(consultation_index, title="Safer streets", summary="New crossings.")
    assert titles(search(client, "new crossings")) == ["Safer streets"]


# Language


def test_results_are_in_the_readers_language_with_english_fallback(client, consultation_index):
    build_consultation(
        consultation_index,
        title="Riverside Park",
        title_ar="حديقة ريفرسايد",
        summary="Renew the park.",
        summary_ar="تجديد الحديقة والملاعب.",
    )
    build_consultation(consultation_index, title="Park lighting", summary="Lights in the park.")
    arabic = search(client, "الحديقة", language="ar")
    assert titles(arabic) == ["حديقة ريفرسايد"]
    assert 'lang="ar" dir="rtl"' in TITLE.findall(arabic.text)[0][1]
    # A page without Arabic text is found by its English text, marked as English.
    fallback = search(client, "lighting", language="ar")
    assert titles(fallback) == ["Park lighting"]
    assert 'lang="en" dir="ltr"' in TITLE.findall(fallback.text)[0][1]
    # English readers search the English text only.
    assert titles(search(client, "الحديقة")) == []


def test_resident_content_is_matched_in_its_own_language(client, consultation, resident):
    add_comment(consultation, resident, "Les nouveaux bancs sont magnifiques.", language="fr")
    result = search(client, "banc")  # French stemming, although the reader uses English
    assert titles(result) == ["Comment on Safer streets"]
    assert re.search(r'<p class="search-result__snippet" lang="fr" dir="auto">', result.text)


def test_urdu_and_somali_use_the_simple_configuration(client, consultation_index):
    build_consultation(
        consultation_index, title="Parks", title_ur="پارک کی تجدید", summary_ur="نئے بینچ"
    )
    assert titles(search(client, "تجدید", language="ur")) == ["پارک کی تجدید"]


# What is never found


def test_drafts_and_private_pages_are_never_found(client, consultation_index):
    build_consultation(consultation_index, title="Hidden draft plan", publish=False)
    private = build_consultation(consultation_index, title="Hidden panel plan")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    build_consultation(consultation_index, title="Public plan")
    assert titles(search(client, "plan")) == ["Public plan"]


def test_only_published_comments_are_found(client, consultation, resident):
    add_comment(consultation, resident, "Published zebra crossing please")
    for status in (CommentStatus.PENDING, CommentStatus.HIDDEN, CommentStatus.REMOVED):
        add_comment(consultation, resident, f"Marker{status} zebra crossing", status=status)
    withdrawn = add_comment(consultation, resident, "Markerwithdrawn zebra crossing")
    withdrawn.withdraw()
    result = search(client, "zebra")
    assert titles(result) == ["Comment on Safer streets"]
    assert "Published" in result.text
    for status in ("pending", "hidden", "removed", "withdrawn"):
        assert f"Marker{status}" not in result.text


def test_comments_on_private_consultations_are_never_found(client, consultation, resident):
    add_comment(consultation, resident, "Secret zebra crossing")
    PageViewRestriction.objects.create(page=consultation, restriction_type="login")
    client.force_login(resident)  # signed in or not: the public search is public
    assert titles(search(client, "zebra")) == []


def test_forum_content_needs_publishing_and_a_public_forum(client, forum, resident):
    thread = start_discussion(resident, forum, title="Ideas for the allotments")
    Post.objects.create(
        thread=thread,
        author=resident,
        body_text="More allotments please",
        language="en",
        status=ContentStatus.PUBLISHED,
    )
    Post.objects.create(
        thread=thread,
        author=resident,
        body_text="Hidden allotments rant",
        language="en",
        status=ContentStatus.HIDDEN,
    )
    found = titles(search(client, "allotments"))
    assert found == ["Ideas for the allotments", "Reply in “Ideas for the allotments”"]
    Thread.objects.filter(pk=thread.pk).update(status=ContentStatus.PENDING)
    assert titles(search(client, "allotments")) == []
    Thread.objects.filter(pk=thread.pk).update(status=ContentStatus.PUBLISHED)
    PageViewRestriction.objects.create(page=forum, restriction_type="login")
    assert titles(search(client, "allotments")) == []


def test_claims_join_the_myths_library_once_a_fact_check_is_published(
    client, forum, resident, fact_checkers
):
    claim = start_claim(resident, forum, title="The new flats are only for newcomers")
    assert titles(search(client, "flats", type="myths")) == []
    assert titles(search(client, "flats", type="forums")) == [
        "The new flats are only for newcomers"
    ]
    published_fact_check(*fact_checkers, claim, verdict=Verdict.FALSE, text="Allocated by need.")
    myths = search(client, "allocated", type="myths")
    assert titles(myths) == ["The new flats are only for newcomers"]
    assert "Verdict: False" in myths.text
    assert titles(search(client, "flats", type="forums")) == []


# Kinds, pages and the query count


def test_results_filter_by_kind_with_counts(client, consultation, forum, resident):
    add_comment(consultation, resident, "The square needs trees")
    start_discussion(resident, forum, title="Trees on the square")
    everything = search(client, "trees")
    assert len(titles(everything)) == 2
    assert "Consultations (1)" in everything.text
    assert "Forums (1)" in everything.text
    assert titles(search(client, "trees", type="forums")) == ["Trees on the square"]
    # An unknown kind is ignored: everything shows.
    assert len(titles(search(client, "trees", type="nonsense"))) == 2


def build_matches(consultation_index, forum, resident, count):
    for number in range(count):
        page = build_consultation(consultation_index, title=f"Harbour plan {number}")
        add_comment(page, resident, f"Harbour comment {number}")
        start_discussion(resident, forum, title=f"Harbour walk {number}", text="See you there.")


def test_results_are_paginated(client, consultation_index, forum, resident):
    build_matches(consultation_index, forum, resident, 9)  # 27 matches
    first = search(client, "harbour")
    assert len(titles(first)) == RESULTS_PER_PAGE
    assert "27 results" in first.text
    second = search(client, "harbour", page=2)
    assert len(titles(second)) == 27 - RESULTS_PER_PAGE
    assert not set(titles(first)) & set(titles(second))


def count_queries(client, q):
    with CaptureQueriesContext(connection) as captured:
        search(client, q)
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_the_results(client, consultation_index, forum, resident):
    build_matches(consultation_index, forum, resident, 1)
    few = count_queries(client, "harbour")
    build_matches(consultation_index, forum, resident, 6)
    assert count_queries(client, "harbour") == few
    # The view restrictions once, five sources matched, three of them read for the
    # page (comments, consultations and threads), and the page's own reads (the site
    # and its root for URLs, the main navigation).
    assert few == 11, few


# Escaping and bad queries


def test_a_query_with_markup_is_escaped(client, consultation):
    response = search(client, "<script>alert(1)</script>")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_markup_in_resident_content_is_escaped_in_snippets(client, consultation, resident):
    add_comment(consultation, resident, 'Tom & Jerry say <img src=x onerror="alert(1)"> benches')
    response = search(client, "benches")
    snippet = re.search(r'class="search-result__snippet"[^>]*>(.*?)</p>', response.text, re.S)
    assert snippet, response.text
    assert set(re.findall(r"<(/?[a-z]+)", snippet.group(1))) == {"mark", "/mark"}
    assert "<mark>benches</mark>" in snippet.group(1)


def test_highlighting_escapes_before_marking():
    query = SearchRequest("benches", "en")
    marked = f'Tom & Jerry <img src=x onerror="alert(1)"> {START}benches{STOP}'
    assert highlight(query, marked) == (
        "Tom &amp; Jerry &lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>benches</mark>"
    )
    # Marks the text itself held, unbalanced, are dropped rather than left open.
    assert highlight(query, f"{START}benches") == "benches"


@pytest.mark.parametrize("q", ["", "   ", "!!! ???"])
def test_an_empty_query_asks_for_words_in_the_readers_language(client, q):
    with CaptureQueriesContext(connection) as captured:
        response = search(client, q, language="fr")
    with translation.override("fr"):
        message = translation.gettext("Type a word or two to search for, for example “park”.")
    assert html.escape(message, quote=False) in response.text or message in html.unescape(
        response.text
    )
    assert 'aria-invalid="true"' in response.text
    assert search_queries(captured) == []


def test_a_long_query_is_refused_with_its_length(client):
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "a" * (MAX_QUERY_LENGTH + 1))
    assert f"{MAX_QUERY_LENGTH + 1} characters long" in response.text
    assert search_queries(captured) == []


def test_the_first_visit_shows_the_form_without_errors(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert 'role="search"' in response.text
    assert '<label for="id_q"' in response.text
    assert "There is a problem" not in response.text
    assert response.text.count("<h1") == 1


def test_only_stop_words_find_nothing_with_advice(client, consultation):
    response = search(client, "the")
    assert titles(response) == []
    assert "Nothing matches your search" in response.text


def test_the_sqlite_fallback_cuts_escapes_and_marks_in_python(monkeypatch):
    # The embedded SQLite database has no ts_headline: the snippet is made in Python.
    monkeypatch.setattr(SearchRequest, "postgres", property(lambda self: False))
    query = SearchRequest("bench", "en")
    text = "word " * 40 + "a <b>Bench</b> by the river & more"
    snippet = highlight(query, text)
    assert snippet.startswith("… ")
    assert "&lt;b&gt;<mark>Bench</mark>&lt;/b&gt;" in snippet
    assert "&amp; more" in snippet


def test_the_fallback_without_full_text_finds_every_word(
    client, consultation_index, forum, resident, monkeypatch
):
    # What `make demo` (SQLite, no full-text search) does, run here on PostgreSQL.
    monkeypatch.setattr(SearchRequest, "postgres", property(lambda self: False))
    page = build_consultation(consultation_index, title="Riverside Park", summary="New benches.")
    build_consultation(consultation_index, title="Safer streets", summary="New crossings.")
    add_comment(page, resident, "Benches by the RIVER please")
    add_comment(page, resident, "Pending river benches", status=CommentStatus.PENDING)
    start_discussion(resident, forum, title="River benches", text="Where?")
    response = search(client, "river benches")
    assert sorted(titles(response)) == [
        "Comment on Riverside Park",
        "River benches",
        "Riverside Park",
    ]
    assert "<mark>RIVER</mark>" in response.text
