"""The `bidi` template library without a browser: `lang`/`dir` for resident content from
its recorded language, fallback page fields marked with the language actually shown,
names and numbers isolated in <bdi>; and the templates that use it (issue 18, item 4)."""

import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from consultations.models import Comment
from consultations.services import post_comment
from engage.templatetags.bidi import (
    bdi,
    field_bdi,
    field_lang,
    isolate_numbers,
    lang_dir,
    language_direction,
    shown_language,
)
from tests.factories import ProposalFactory, StandardPageFactory, build_consultation


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", 'lang="ar" dir="rtl"'),
        ("ur", 'lang="ur" dir="rtl"'),
        ("en", 'lang="en" dir="ltr"'),
        ("so", 'lang="so" dir="ltr"'),
        ("ar-EG", 'lang="ar" dir="rtl"'),
    ],
)
def test_lang_and_dir_come_from_the_recorded_language(language, expected):
    assert lang_dir(SimpleNamespace(language=language)) == expected
    assert lang_dir({"language": language}) == expected
    assert lang_dir(language) == expected


@pytest.mark.parametrize("language", ["", None, "xx", "und", '" onclick="alert(1)'])
def test_an_unknown_language_is_said_to_be_unknown_and_the_text_sets_the_direction(language):
    assert lang_dir(SimpleNamespace(language=language)) == 'lang="" dir="auto"'
    assert lang_dir(language) == 'lang="" dir="auto"'


def test_no_content_is_unknown_too():
    assert lang_dir(None) == 'lang="" dir="auto"'
    assert language_direction("fa") == "auto"  # right-to-left, but not a site language


def test_bdi_escapes_and_isolates_a_value():
    assert bdi(42) == "<bdi>42</bdi>"
    assert bdi("<b>Ali</b>") == "<bdi>&lt;b&gt;Ali&lt;/b&gt;</bdi>"
    assert bdi("") == "" and bdi(None) == ""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("3 replies", "<bdi>3</bdi> replies"),
        (
            "You have voted on 2 of 10 statements.",
            "You have voted on <bdi>2</bdi> of <bdi>10</bdi> statements.",
        ),
        ("1,234 people", "<bdi>1,234</bdi> people"),
        ("\u0663 \u0631\u062f\u0648\u062f", "<bdi>\u0663</bdi> \u0631\u062f\u0648\u062f"),
        ("no numbers here", "no numbers here"),
        # Ranges, dates and open-ended bands stay whole: after Arabic letters a hyphen
        # between two numbers no longer joins them.
        ("الفئة 15-24 و 75+", "الفئة <bdi>15-24</bdi> و <bdi>75+</bdi>"),
        ("مثلًا 2026-03-14.", "مثلًا <bdi>2026-03-14</bdi>."),
        ("3 - 4", "<bdi>3</bdi> - <bdi>4</bdi>"),
        ("الأثر: -1.00 و +2 و 2.4/5", "الأثر: <bdi>-1.00</bdi> و <bdi>+2</bdi> و <bdi>2.4/5</bdi>"),
        ("room-2", "room-<bdi>2</bdi>"),
    ],
)
def test_isolate_numbers_wraps_each_number(html, expected):
    assert isolate_numbers(html) == expected


def test_isolate_numbers_leaves_markup_references_and_isolated_names_alone():
    html = mark_safe('<a href="/c/12">Ali&#x27;s 3</a> <bdi class="person-name">user 7</bdi> 5')
    assert isolate_numbers(html) == (
        '<a href="/c/12">Ali&#x27;s <bdi>3</bdi></a> <bdi class="person-name">user 7</bdi> <bdi>5</bdi>'
    )


def test_isolate_numbers_escapes_text_that_is_not_marked_safe():
    assert isolate_numbers("<b>2</b>") == "&lt;b&gt;<bdi>2</bdi>&lt;/b&gt;"


def test_a_translated_plural_keeps_its_message_and_isolates_the_count():
    template = Template(
        "{% load i18n bidi %}{% blocktranslate count count=n asvar replies %}{{ count }} reply"
        "{% plural %}{{ count }} replies{% endblocktranslate %}{{ replies|isolate_numbers }}"
    )
    assert template.render(Context({"n": 3})) == "<bdi>3</bdi> replies"
    with translation.override("ar"):
        arabic = template.render(Context({"n": 3}))
    assert "<bdi>3</bdi>" in arabic and "replies" not in arabic


@pytest.mark.django_db
def test_a_title_missing_in_the_readers_language_is_marked_with_the_fallback(consultation_index):
    page = build_consultation(consultation_index, title="Riverside park", slug="riverside")
    with translation.override("ur"):
        assert shown_language(page, "title") == "en"
        assert field_lang(page, "title") == ' lang="en" dir="ltr"'
        assert field_bdi(page, "title") == '<bdi lang="en" dir="ltr">Riverside park</bdi>'
    with translation.override("en"):
        assert field_lang(page, "title") == ""
        assert field_bdi(page, "title") == "Riverside park"


@pytest.mark.django_db
def test_a_field_in_the_readers_language_is_not_marked(consultation_index):
    page = build_consultation(consultation_index, title="Riverside park", slug="riverside")
    page.title_ur = (
        "\u062f\u0631\u06cc\u0627 \u06a9\u0646\u0627\u0631\u06d2 \u067e\u0627\u0631\u06a9"
    )
    page.summary_ur = "   "  # blank: the reader sees the English summary
    page.save()
    with translation.override("ur"):
        assert field_lang(page, "title") == ""
        assert field_lang(page, "summary") == ' lang="en" dir="ltr"'
        assert field_lang(page, "slug") == ""  # not a translated field
        assert field_lang(None, "title") == ""


@pytest.mark.django_db
def test_an_empty_stream_falls_back_like_the_page_shows_it(home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Our plans",
        body=[("paragraph", "<p>Plans for the year.</p>")],
    )
    page.refresh_from_db()
    with translation.override("ar"):
        assert "Plans for the year." in str(page.body)
        assert field_lang(page, "body") == ' lang="en" dir="ltr"'
    page.body_ar = [("paragraph", "<p>\u062e\u0637\u0637 \u0627\u0644\u0639\u0627\u0645.</p>")]
    page.save()
    page.refresh_from_db()
    with translation.override("ar"):
        assert field_lang(page, "body") == ""


@pytest.mark.django_db
def test_a_comment_card_marks_the_text_and_not_the_readers_interface(consultation, resident):
    post_comment(resident, consultation, "Replace the play area by the river.", language="en")
    comment = Comment.objects.get()
    with translation.override("ar"):
        html = render_to_string("consultations/includes/comment.html", {"comment": comment})
    article = re.search(r"<article[^>]*>", html).group(0)
    assert "lang=" not in article
    assert re.search(r'<div class="comment__body" lang="en" dir="ltr">\s*<p>Replace the play', html)
    # The line that names the language is in the reader's language, outside the text.
    meta = re.search(r'<p class="comment__meta">.*?</p>', html, re.S).group(0)
    assert "lang=" not in meta


@pytest.mark.django_db
def test_the_consultation_page_marks_a_fallback_title_and_proposal(client, consultation):
    ProposalFactory(page=consultation, title="Benches", body="<p>More benches.</p>")
    english = consultation.url
    html = client.get(f"/ur{english[3:]}").content.decode()
    assert re.search(r'<h1 lang="en" dir="ltr">\s*Safer streets', html)
    assert re.search(r'<p class="lead" lang="en" dir="ltr"><strong>What should change', html)
    assert re.search(r'<h2 id="[^"]+-heading" lang="en" dir="ltr">Benches</h2>', html)

    html = client.get(english).content.decode()
    assert re.search(r"<h1>\s*Safer streets", html)
    assert 'lang="en" dir="ltr">Benches' not in html


def forum_thread(**fields):
    values = {
        "pk": 7,
        "title": "\u0647\u0644 \u0635\u062d\u064a\u062d \u0623\u0646 \u0627\u0644\u062d\u062f\u064a\u0642\u0629 \u0633\u062a\u063a\u0644\u0642\u061f",
        "language": "ar",
        "is_pinned": False,
        "is_locked": False,
        "is_claim": False,
        "is_pending": False,
        "topic": None,
        "author_name": "Sam 2",
        "last_activity_at": None,
        "post_count": 12,
        "get_absolute_url": "/en/forums/threads/7/",
    }
    return SimpleNamespace(**(values | fields))


def test_a_thread_card_marks_its_title_and_isolates_the_name_and_the_count():
    with translation.override("en"):
        html = render_to_string("forums/includes/thread_card.html", {"thread": forum_thread()})
    assert re.search(r'<a href="/en/forums/threads/7/" lang="ar" dir="rtl">\u0647\u0644', html)
    assert "lang=" not in re.search(r"<article[^>]*>", html).group(0)
    assert '<bdi class="person-name">Sam 2</bdi>' in html
    assert "<bdi>12</bdi> replies" in html


def test_a_forum_post_marks_its_text_with_its_language():
    post = SimpleNamespace(
        pk=3,
        language="ur",
        language_name="Urdu",
        is_pending=False,
        is_withdrawn=False,
        author_name="Amina",
        author_id=None,
        created_at=None,
        edited_at=None,
        follow_up_to_id=None,
        status="published",
        body_html=mark_safe("<p>\u0634\u06a9\u0631\u06cc\u06c1\u06d4</p>"),
    )
    with translation.override("en"):
        html = render_to_string("forums/includes/post.html", {"post": post})
    assert '<div class="post__body" lang="ur" dir="rtl"><p>\u0634\u06a9\u0631\u06cc\u06c1' in html
    assert "lang=" not in re.search(r"<article[^>]*>", html).group(0)


@pytest.mark.django_db
def test_forum_pages_mark_english_fallbacks_on_an_arabic_page(client, home_page):
    from tests.factories import ForumIndexPageFactory, ForumPageFactory

    index = ForumIndexPageFactory(parent=home_page, slug="forums")
    forum = ForumPageFactory(parent=index, slug="myths")
    forum.title_ar = "\u062e\u0631\u0627\u0641\u0627\u062a \u0648\u062d\u0642\u0627\u0626\u0642"
    forum.save()

    listing = client.get("/ar/forums/").content.decode()
    assert re.search(r'<h1 lang="en" dir="ltr">\s*Forums', listing)
    card = re.search(r'<article class="card[^"]*"[^>]*>', listing).group(0)
    assert "lang=" not in card  # the forum's title has an Arabic text

    page = client.get("/ar/forums/myths/").content.decode()
    assert re.search(r"<h1>\s*\u062e\u0631\u0627\u0641\u0627\u062a", page)
    assert re.search(r'<div[^>]* lang="en" dir="ltr">\s*<p>Check a rumour', page)

    forum.title_ar = ""
    forum.save()
    listing = client.get("/ar/forums/").content.decode()
    assert re.search(r'<article class="card[^"]*" lang="en" dir="ltr">', listing)


@pytest.mark.django_db
def test_a_standard_page_marks_its_english_title_intro_and_body_on_an_urdu_page(client, home_page):
    StandardPageFactory(
        parent=home_page,
        slug="about",
        title="About Engage",
        intro="Who runs it.",
        body=[("paragraph", "<p>The city runs it.</p>")],
    )
    html = client.get("/ur/about/").content.decode()
    assert re.search(r'<h1 lang="en" dir="ltr">\s*About Engage', html)
    assert '<p class="lead" lang="en" dir="ltr"><strong>Who runs it.' in html
    assert re.search(r'<div lang="en" dir="ltr">.*The city runs it\.', html, re.S)
