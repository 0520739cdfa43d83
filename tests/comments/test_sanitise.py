"""sanitise(): the one function that turns resident text into HTML."""

import pytest

from engage.moderation.sanitise import count_links, sanitise


def test_paragraphs_and_line_breaks():
    assert sanitise("one\ntwo\n\nthree") == "<p>one<br>\ntwo</p>\n<p>three</p>"


def test_light_formatting_is_kept():
    html = sanitise("<strong>bold</strong> and <em>soft</em>")
    assert html == "<p><strong>bold</strong> and <em>soft</em></p>"


def test_lists_are_kept():
    assert sanitise("<ul>\n<li>a</li>\n<li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<strong onclick="alert(1)">x</strong>',
        "<iframe src='https://evil.example'></iframe>",
        "<style>body{display:none}</style>",
        "<svg onload=alert(1)>",
    ],
)
def test_scripts_and_event_attributes_never_survive(text):
    html = sanitise(text)
    for bad in ("<script", "onerror", "onclick", "onload", "<iframe", "<img", "<style", "<svg"):
        assert bad not in html.lower()


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:x",
    ],
)
def test_dangerous_links_lose_their_href(href):
    html = sanitise(f'<a href="{href}">click</a>')
    assert "href" not in html
    assert "click" in html


def test_links_get_rel_and_nothing_else():
    html = sanitise('<a href="https://example.org" target="_blank" title="x">site</a>')
    assert html == '<p><a href="https://example.org" rel="nofollow ugc noopener">site</a></p>'


def test_bare_urls_and_emails_are_linkified():
    html = sanitise("See https://example.org/plan and write to info@example.org")
    assert 'href="https://example.org/plan" rel="nofollow ugc noopener"' in html
    assert 'href="mailto:info@example.org"' in html
    assert count_links(html) == 2


def test_nested_disallowed_tags_are_stripped_but_text_kept():
    html = sanitise("<div><span><b><em>deep</em></b></span></div>")
    assert html.replace("\n", "") == "<p><em>deep</em></p>"


def test_angle_brackets_in_text_are_escaped():
    assert sanitise("a < b > c & d") == "<p>a &lt; b &gt; c &amp; d</p>"
