"""Invisible-only text is empty, bidirectional override controls are removed from
resident text and names, and names are printed isolated in <bdi> (issue 11, item 8)."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.template.loader import render_to_string

from consultations.models import Comment
from consultations.services import post_comment
from engage.accounts.forms import clean_display_name
from engage.moderation.text import clean_comment_text
from forums.services import clean_post_text

INVISIBLE = "\u200b\u200c\u200d\ufeff"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("text", [INVISIBLE, f" {INVISIBLE}\n\u2060\u00ad ", "\u3164\u2800"])
def test_a_comment_of_invisible_characters_is_empty(text):
    with pytest.raises(ValidationError) as raised:
        clean_comment_text(text)
    assert raised.value.code == "empty"
    assert "no visible text" in raised.value.messages[0]


def test_a_forum_post_of_invisible_characters_is_empty():
    with pytest.raises(ValidationError) as raised:
        clean_post_text(INVISIBLE + BIDI_CONTROLS)
    assert raised.value.messages == ["Please write your post before sending it."]


@pytest.mark.parametrize(
    "text",
    [
        "Family: \U0001f468\u200d\U0001f469\u200d\U0001f467",  # emoji joined by ZWJ
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with a ZWNJ
        "\u05e9\u05dc\u05d5\u05dd \u200fok",  # Hebrew with a right-to-left mark
    ],
)
def test_joiners_and_marks_inside_real_text_are_kept(text):
    assert clean_comment_text(text)[0] == text


def test_bidi_override_controls_are_removed_from_comments():
    text, html = clean_comment_text(f"Fix the \u202eroad\u202c now {BIDI_CONTROLS}")
    assert text == "Fix the road now "
    assert not any(control in text + html for control in BIDI_CONTROLS)


def test_only_bidi_controls_is_empty():
    with pytest.raises(ValidationError):
        clean_comment_text(BIDI_CONTROLS)


def test_display_names_lose_bidi_controls_and_cannot_be_invisible():
    assert clean_display_name("\u202eAmina\u202c \u2067\u0623\u0645\u064a\u0646\u0629\u2069") == (
        "Amina \u0623\u0645\u064a\u0646\u0629"
    )
    for name in (INVISIBLE, BIDI_CONTROLS, "\u3164"):
        with pytest.raises(ValidationError) as raised:
            clean_display_name(name)
        assert raised.value.code == "required"


def test_the_person_name_filter_isolates_and_escapes():
    html = Template("{% load people %}{{ name|person_name }}, 3 comments").render(
        Context({"name": "<b>\u202e\u0639\u0644\u064a</b>"})
    )
    assert (
        html == '<bdi class="person-name">&lt;b&gt;\u0639\u0644\u064a&lt;/b&gt;</bdi>, 3 comments'
    )


@pytest.mark.django_db
def test_comments_print_the_author_isolated(consultation, resident):
    # A name stored before names were cleaned still carries an override control.
    type(resident).objects.filter(pk=resident.pk).update(display_name="\u202eevil\u202c")
    resident.refresh_from_db()
    post_comment(resident, consultation, "A real comment with enough words in it.")
    comment = Comment.objects.get()
    html = render_to_string("consultations/includes/comment.html", {"comment": comment})
    assert '<bdi class="person-name">evil</bdi>' in html
    assert "\u202e" not in html
    assert 'class="comment__body" lang="en" dir="ltr"' in html
