"""Every language is complete on the pages a newcomer sees first: nothing falls back to
English where a translation should exist.

After `seed_demo` (once for the module), each public page — the home page, the
consultation index, a consultation, the forum index, a forum, sign-in, sign-up and the
password reset — is rendered in English and in every other language with the test
client. Each visible text (text nodes, and the `aria-label`, `placeholder`, `title`,
`alt` and button `value` attributes) of the translated page that is also a text of the
English page is English showing through: a missing catalogue entry, a third-party
message no catalogue covers, or demo content without that language.

Left out on purpose:

- text inside an element whose `lang` is not the page's language: resident content keeps
  the language it was written in (a claim, a comment) and the language menu names each
  language in itself;
- names and numbers isolated in `<bdi>` (display names, counts), and texts made only of
  the demo city's names (`SHARED_WORDS`, `PLACES`), numbers, punctuation and the words
  one language spells as English does (`SAME_IN`), listed explicitly so that a new
  exception is a decision in review.

A second check reads the demo pages themselves: every translated field of a rendered
page that has English text has text in every language, so a fallback the template
marks with `lang="en"` (and the first check therefore skips) is still caught.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from engage.policy.glossary.linking import VOID

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
ACCOUNT_PAGES = ["account_login", "account_signup", "account_reset_password"]
DEMO_PAGES = {
    "home": ("home.HomePage", "home"),
    "consultations": ("consultations.ConsultationIndexPage", "consultations"),
    "consultation": ("consultations.ConsultationPage", "riverside-park"),
    "forums": ("forums.ForumIndexPage", "forums"),
    "forum": ("forums.ForumPage", "myths-and-facts"),
}

# Names of the fictional city, its places and the product, and symbols: the same in
# every language. A text made only of these (and numbers and punctuation) is not English.
SHARED_WORDS = {
    "Engage",
    "Northbridge",
    "Riverside",
    "NB0001",
    "example",
    "org",
    "AGPL",
    "v3",
    "Wagtail",
    "Django",
    "PDF",
    "CSV",
    "API",
    "RSS",
}
# The demo city's wards (engage/monitoring/pulse/demo/pulse.yaml), named on maps.
PLACES = [
    "Ashdown",
    "Brook Vale",
    "Castle Hill",
    "Dockside",
    "Elm Park",
    "Fairfield",
    "Greenway",
    "Harbourside",
]
# Words that a language spells exactly as English does (so "3 consultations" is French).
SAME_IN = {
    "fr": {
        "Consultation",
        "Consultations",
        "consultation",
        "consultations",
        "Forums",
        "Discussion",
        "Discussions",
        "Menu",
        "Date",
        "Contact",
        "Notifications",
        "Messages",
        "Sources",
        "Total",
    },
    "de": {"Forum", "Forums", "Name", "Start", "Details", "Feedback", "Status"},
    "nl": {"Forums", "Menu", "Start", "Details", "Feedback", "Status", "Home", "Open"},
    "pl": {"Status", "Menu"},
}
INVISIBLE = {"script", "style", "template", "head"}
# Names and numbers are isolated in <bdi> (a person's display name, a count): the same
# in every language.
NAMES = {"bdi"}
ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
LETTERS = re.compile(r"[^\W\d_]+")


class VisibleText(HTMLParser):
    """The visible texts of a page, leaving out what is written in another language."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, invisible, other_language)
        self.texts = []

    def _skipping(self):
        return bool(self.stack) and (self.stack[-1][1] or self.stack[-1][2])

    def _add(self, text):
        text = " ".join(text.split())
        if text and not self._skipping():
            self.texts.append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        invisible = tag in INVISIBLE or tag in NAMES or "hidden" in attrs
        lang = (attrs.get("lang") or "").split("-")[0]
        other = bool(lang) and lang != self.language and tag != "html"
        if self.stack:
            invisible = invisible or self.stack[-1][1]
            other = other or self.stack[-1][2]
        if tag not in VOID:
            self.stack.append((tag, invisible, other))
        if invisible or other:
            return
        for name in ATTRIBUTES:
            if attrs.get(name):
                self._add(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self._add(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self._add(data)


def visible_texts(html, language):
    parser = VisibleText(language)
    parser.feed(html)
    parser.close()
    return parser.texts


def needs_translation(text, language):
    """True when the text has a word that is neither shared nor spelt the same here."""
    for place in PLACES:
        text = text.replace(place, "")
    same = SHARED_WORDS | SAME_IN.get(language, set())
    return any(word not in same for word in LETTERS.findall(text))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo city from `seed_demo`, seeded once for this module and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        with translation.override("en"):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def demo_page(name):
    from django.apps import apps

    model_name, slug = DEMO_PAGES[name]
    return apps.get_model(model_name).objects.get(slug=slug)


def url_of(name, language):
    with translation.override(language):
        if name in DEMO_PAGES:
            return demo_page(name).get_url()
        return reverse(name)


def english_showing_through(client, name, language):
    """The texts of the page in `language` that are the English page's texts."""
    english_html = client.get(url_of(name, "en")).content.decode()
    response = client.get(url_of(name, language))
    assert response.status_code == 200, (name, language, response.status_code)
    english = set(visible_texts(english_html, "en"))
    texts = visible_texts(response.content.decode(), language)
    return sorted({text for text in texts if text in english and needs_translation(text, language)})


PAGES = list(DEMO_PAGES) + ACCOUNT_PAGES


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_english_showing_through(demo, db, client, name, language):
    english = english_showing_through(client, name, language)
    assert not english, "English on the page:\n" + "\n".join(english)


def translated_fields(instance):
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(type(instance))
    except NotRegistered:
        return []
    return sorted(options.get_field_names())


@pytest.mark.parametrize("name", list(DEMO_PAGES))
def test_demo_page_has_every_translated_field_in_every_language(demo, db, name):
    page = demo_page(name)
    missing = []
    for field in translated_fields(page):
        if not getattr(page, f"{field}_en", None):
            continue
        missing += [
            f"{field}_{language}"
            for language in OTHER_LANGUAGES
            if not getattr(page, f"{field}_{language}", None)
        ]
    assert not missing, f"{name} has no text in: {', '.join(missing)}"


def test_english_on_a_page_is_found(demo, db, client):
    """The check can fail: a French page whose title is the English one is reported."""
    page = demo_page("consultation")
    page.title_fr = page.title_en
    page.save()
    cache.clear()  # rendered pages and cards are cached by version, not by field
    assert page.title_en in english_showing_through(client, "consultation", "fr")


def test_a_text_in_its_own_language_is_not_english_showing_through():
    html = (
        '<main><h1>Consultations publiques</h1><p lang="en">Residents keep their words.</p>'
        '<span aria-label="Menu principal">Northbridge 2026</span></main>'
    )
    assert visible_texts(html, "fr") == [
        "Consultations publiques",
        "Menu principal",
        "Northbridge 2026",
    ]
    assert not needs_translation("Northbridge 2026", "fr")
    assert needs_translation("Sign in", "fr")
