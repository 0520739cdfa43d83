"""Site-wide checks: every language loads, catalogues activate, migrations are complete,
and every public page has one <h1>, a <main id="main-content"> and a skip link.

The crawl starts from the demo content (`seed_demo`) and the account pages, and follows
every link that stays inside the language being crawled.
"""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from tests.demo_city import seed_demo_city

RTL_LANGUAGES = {"ar", "ur"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CRAWL_LANGUAGES = ["en", "ar"]
ACCOUNT_PAGES = ["account_login", "account_signup", "account_reset_password"]
# Links the crawl does not follow: they change state, need staff, or are not HTML pages.
SKIPPED_PATHS = re.compile(
    r"/accounts/logout/|/admin/|/django-admin/|/static/|/media/|/documents/|/api/|/ws/"
)
MAX_PAGES_PER_LANGUAGE = 300


class PageOutline(HTMLParser):
    """What the checks need from a page: the <html> attributes, headings, landmarks, links."""

    def __init__(self):
        super().__init__()
        self.html_attrs = {}
        self.h1_count = 0
        self.main_ids = []
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "main":
            self.main_ids.append(attrs.get("id"))
        elif tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    @property
    def has_skip_link(self):
        return "#main-content" in self.hrefs


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Start and end each test in English.

    A request to /ar/ leaves Arabic active in this thread, and modeltranslation would
    then save the next page's title as title_ar and leave the required title_en empty.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def outline(response):
    parser = PageOutline()
    parser.feed(response.content.decode(response.charset or "utf-8"))
    return parser


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_home_page_loads_in_every_language(client, home_page, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    page = outline(response)
    assert page.html_attrs.get("lang") == language
    expected_dir = "rtl" if language in RTL_LANGUAGES else "ltr"
    assert page.html_attrs.get("dir") == expected_dir


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_language_catalogue_activates(language):
    # Without a catalogue LocaleMiddleware ignores the language: /so/ would redirect.
    assert translation.check_for_language(language), f"no translation catalogue for {language}"
    with translation.override(language):
        assert translation.get_language() == language
        assert translation.get_language_bidi() == (language in RTL_LANGUAGES)
        # Loads the catalogue: a broken .mo file raises here.
        assert translation.gettext("Skip to main content")


@pytest.mark.django_db
def test_no_missing_migrations():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit as exit:
        pytest.fail(
            f"Models have changes without migrations (exit {exit.code}):\n{output.getvalue()}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def demo_content(demo_snapshot, django_db_blocker):
    """The demo city from `seed_demo` (the run's copy, tests/demo_city.py), put in once
    for this module and rolled back after."""
    if "seed_demo" not in get_commands():
        yield False
        return
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo_city(demo_snapshot)
        yield True
        transaction.set_rollback(True)


@pytest.fixture
def public_site(request, demo_content, db):
    """The demo content when seed_demo exists, otherwise a home page and a consultation."""
    if not demo_content:
        request.getfixturevalue("consultation")


@pytest.fixture(scope="module")
def demo_crawls(demo_content):
    """{language: crawl result} over the module's demo content, so that two tests that
    read the same crawl (en) share one (each takes 10-30 s). Empty without the demo
    content, where each test has its own pages."""
    return {}


@pytest.fixture
def crawled(client, public_site, demo_content, demo_crawls):
    """`crawled(language)`: crawl(client, language), once per module over the demo."""

    def crawled(language):
        if not demo_content:
            return crawl(client, language)
        if language not in demo_crawls:
            demo_crawls[language] = crawl(client, language)
        pages, problems = demo_crawls[language]
        return dict(pages), list(problems)

    return crawled


def start_urls(language):
    """Every live public Wagtail page of the default site, and the account pages."""
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    with translation.override(language):
        urls = [page.get_url() for page in pages.specific()]
        urls += [reverse(name) for name in ACCOUNT_PAGES]
    return [url for url in urls if url]


def crawl(client, language):
    """Visit every page reachable from the start URLs within /<language>/.

    Returns ({url: PageOutline}, [problems with links]).
    """
    prefix = f"/{language}/"
    queue = deque(start_urls(language))
    seen = set(queue)
    pages, problems = {}, []
    while queue and len(pages) < MAX_PAGES_PER_LANGUAGE:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            links = [response["Location"]]
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            pages[url] = outline(response)
            links = pages[url].hrefs
        elif response.status_code == 200:
            continue  # a download (a calendar file, say): it answered, and has no links
        else:
            problems.append(f"{url} answered {response.status_code}")
            continue
        for href in links:
            target = urldefrag(urljoin(url, href)).url
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith(prefix) and not SKIPPED_PATHS.search(path) and path not in seen:
                seen.add(path)
                queue.append(path)
    return pages, problems


@pytest.mark.parametrize("language", CRAWL_LANGUAGES)
def test_every_public_page_has_one_h1_main_landmark_and_skip_link(crawled, language):
    pages, problems = crawled(language)

    for url, page in pages.items():
        if page.h1_count != 1:
            problems.append(f"{url} has {page.h1_count} <h1> elements")
        if page.main_ids != ["main-content"]:
            problems.append(f'{url} has <main> ids {page.main_ids}, not one "main-content"')
        if not page.has_skip_link:
            problems.append(f"{url} has no skip link to #main-content")
        if page.html_attrs.get("lang") != language:
            problems.append(f"{url} has <html lang={page.html_attrs.get('lang')!r}>")
    assert not problems, f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems)
    for name in ACCOUNT_PAGES:
        with translation.override(language):
            assert reverse(name) in pages


def test_crawl_covers_every_kind_of_public_page(crawled):
    """The crawl checked a home page, a consultation index, a consultation and, once the
    forums app has pages, a forum index and a forum: none of them failed to render."""
    from wagtail.models import Page, get_page_models

    pages, _problems = crawled("en")
    with translation.override("en"):
        crawled_types = {
            type(page).__name__
            for page in Page.objects.live().public().specific()
            if page.get_url() in pages
        }

    expected = {"HomePage", "ConsultationIndexPage", "ConsultationPage"}
    expected |= {
        model.__name__
        for model in get_page_models()
        if model.__module__.startswith("forums.") and model.objects.live().exists()
    }
    assert expected <= crawled_types, f"not crawled: {sorted(expected - crawled_types)}"
