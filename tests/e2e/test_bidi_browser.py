"""Bidirectional text as Chromium lays it out (issue 18, item 4): on Arabic and Urdu
pages, resident text and fallback English fields read in their own direction.

Each check measures where glyphs land (`Range.getClientRects`), not just which
attributes are present, and each has a control: the same text with its `dir` (or its
`<bdi>`) taken away in the page, where the order visibly breaks, so the measurement
itself is shown to tell the two apart.
"""

import pytest

from consultations.models import Comment, ModerationMode
from consultations.services import post_comment
from tests.factories import UserFactory, build_consultation

pytestmark = pytest.mark.browser

# Where the first and the last visible character of an element land, and the extent of
# its text: {first, last, firstChar, lastChar, left, right} in CSS pixels.
GLYPHS = """
(element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) {
        if (walker.currentNode.data.trim()) nodes.push(walker.currentNode);
    }
    const box = (node, index) => {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const rect = range.getBoundingClientRect();
        return {left: rect.left, right: rect.right};
    };
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    const firstIndex = first.data.search(/\\S/);
    const lastIndex = last.data.trimEnd().length - 1;
    const all = document.createRange();
    all.selectNodeContents(element);
    const rects = [...all.getClientRects()].filter((rect) => rect.width > 0);
    return {
        firstChar: first.data[firstIndex],
        lastChar: last.data[lastIndex],
        first: box(first, firstIndex),
        last: box(last, lastIndex),
        left: Math.min(...rects.map((rect) => rect.left)),
        right: Math.max(...rects.map((rect) => rect.right)),
    };
}
"""

# A copy of the element with its own lang and dir (and <bdi>s) taken away, appended to
# the same parent: the control that shows what the page did before.
UNMARKED_COPY = """
(element) => {
    const copy = element.cloneNode(true);
    copy.removeAttribute('lang');
    copy.removeAttribute('dir');
    copy.removeAttribute('id');
    copy.querySelectorAll('[lang], [dir]').forEach((node) => {
        node.removeAttribute('lang');
        node.removeAttribute('dir');
    });
    copy.querySelectorAll('bdi').forEach((node) => node.replaceWith(...node.childNodes));
    copy.setAttribute('data-control', '');
    element.parentNode.appendChild(copy);
}
"""

ENGLISH = "Replace the play area by the river."
ARABIC = "\u0623\u0635\u0644\u062d\u0648\u0627 \u0627\u0644\u0645\u0644\u0639\u0628 \u0642\u0631\u0628 \u0627\u0644\u0646\u0647\u0631."
MIXED_NAME = "Amina \u0623\u0645\u064a\u0646\u0629"


def in_language(url, language):
    """`/en/consultations/x/` in another language: `/ar/consultations/x/`."""
    return f"/{language}/{url.split('/', 2)[2]}"


@pytest.fixture
def consultation(consultation_index):
    return build_consultation(
        consultation_index,
        title="What should change by the river?",
        slug="river",
        moderation_mode=ModerationMode.POST,
    )


def published_comment(consultation, text, language, user=None):
    post_comment(user or UserFactory(), consultation, text, language=language)
    comment = Comment.objects.get(body_text=text)
    assert comment.is_published
    return comment


def glyphs(page, selector):
    return page.locator(selector).evaluate(GLYPHS)


def test_an_english_comment_on_an_arabic_page_ends_with_its_full_stop_on_the_right(
    page, consultation
):
    comment = published_comment(consultation, ENGLISH, "en")

    page.goto(in_language(consultation.url, "ar"))

    assert page.evaluate("document.documentElement.dir") == "rtl"
    body = page.locator(f"#comment-{comment.pk} .comment__body")
    assert (body.get_attribute("lang"), body.get_attribute("dir")) == ("en", "ltr")
    assert body.evaluate("(e) => getComputedStyle(e).direction") == "ltr"
    text = glyphs(page, f"#comment-{comment.pk} .comment__body p")
    assert (text["firstChar"], text["lastChar"]) == ("R", ".")
    assert text["last"]["left"] > text["first"]["right"]
    assert text["last"]["right"] == pytest.approx(text["right"], abs=0.5)

    # Control: without its dir, the page's right-to-left order puts the full stop first.
    body.evaluate(UNMARKED_COPY)
    control = glyphs(page, f"#comment-{comment.pk} .comment__body[data-control] p")
    assert control["last"]["right"] <= control["first"]["left"]
    assert control["last"]["left"] == pytest.approx(control["left"], abs=0.5)


def test_an_arabic_comment_on_an_english_page_reads_right_to_left(page, consultation):
    comment = published_comment(consultation, ARABIC, "ar")

    page.goto(consultation.url)

    assert page.evaluate("document.documentElement.dir") == "ltr"
    body = page.locator(f"#comment-{comment.pk} .comment__body")
    assert (body.get_attribute("lang"), body.get_attribute("dir")) == ("ar", "rtl")
    assert body.evaluate("(e) => getComputedStyle(e).direction") == "rtl"
    text = glyphs(page, f"#comment-{comment.pk} .comment__body p")
    assert text["lastChar"] == "."
    # Its first letter is the rightmost, its full stop the leftmost.
    assert text["first"]["right"] == pytest.approx(text["right"], abs=0.5)
    assert text["last"]["left"] == pytest.approx(text["left"], abs=0.5)

    body.evaluate(UNMARKED_COPY)
    control = glyphs(page, f"#comment-{comment.pk} .comment__body[data-control] p")
    assert control["last"]["right"] == pytest.approx(control["right"], abs=0.5)


def test_a_fallback_english_title_on_an_urdu_page_is_marked_and_reads_left_to_right(
    page, consultation
):
    consultation.summary_ur = "\u062f\u0631\u06cc\u0627 \u06a9\u06d2 \u06a9\u0646\u0627\u0631\u06d2 \u06a9\u06cc\u0627 \u0628\u062f\u0644\u0646\u0627 \u0686\u0627\u06c1\u06cc\u06d2\u061f"
    consultation.save()

    page.goto(in_language(consultation.url, "ur"))

    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ur",
        "rtl",
    ]
    title = page.locator("main h1")
    assert (title.get_attribute("lang"), title.get_attribute("dir")) == ("en", "ltr")
    assert title.evaluate("(e) => getComputedStyle(e).direction") == "ltr"
    text = glyphs(page, "main h1")
    assert (text["firstChar"], text["lastChar"]) == ("W", "?")
    assert text["last"]["right"] == pytest.approx(text["right"], abs=0.5)
    # The summary has an Urdu text: it takes the page's language and direction.
    summary = page.locator("main p.lead")
    assert summary.get_attribute("lang") is None
    assert summary.evaluate("(e) => [e.closest('[lang]').lang, getComputedStyle(e).direction]") == [
        "ur",
        "rtl",
    ]

    title.evaluate(UNMARKED_COPY)
    control = glyphs(page, "main h1[data-control]")
    assert control["last"]["left"] == pytest.approx(control["left"], abs=0.5)


def test_a_mixed_script_name_keeps_its_order_and_its_place_on_an_arabic_page(page, consultation):
    author = UserFactory(display_name=MIXED_NAME)
    comment = published_comment(consultation, ENGLISH, "en", user=author)

    page.goto(in_language(consultation.url, "ar"))

    meta = f"#comment-{comment.pk} .comment__meta"
    name = page.locator(f"{meta} bdi.person-name")
    assert name.inner_text() == MIXED_NAME
    assert name.evaluate("(e) => getComputedStyle(e).unicodeBidi") == "isolate"
    # The name reads as its owner wrote it: "Amina" first, on the left of the Arabic.
    text = glyphs(page, f"{meta} bdi.person-name")
    assert (text["firstChar"], text["lastChar"]) == ("A", "\u0629")
    assert text["first"]["right"] <= text["last"]["left"]
    # Its neighbours keep the page's order: the name first (rightmost), then the date.
    when = glyphs(page, f"{meta} time")
    assert when["right"] <= text["left"]

    # Control: unisolated, the page's direction reverses the name's two halves.
    page.locator(meta).evaluate(UNMARKED_COPY)
    control = page.locator(f"{meta}[data-control]").evaluate(
        """(element) => {
            const node = [...element.querySelector('.comment__author').childNodes]
                .find((child) => child.nodeType === Node.TEXT_NODE && child.data.trim());
            const box = (index) => {
                const range = document.createRange();
                range.setStart(node, index);
                range.setEnd(node, index + 1);
                return range.getBoundingClientRect();
            };
            return {latin: box(0).left, arabic: box(node.data.length - 1).left};
        }"""
    )
    assert control["latin"] > control["arabic"]
