"""Every main page has unique element ids, as each demo role sees it (issue 18, item 7):
a duplicated id sends a <label for> or an aria reference to the wrong element. Also: the
API docs load nothing from another origin.

The pages are the demo's public pages (crawled as in tests/test_site.py) and the
signed-in pages each role reaches from them.
"""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.test_site import crawl, demo_content, public_site  # noqa: F401 (fixtures)

DEMO_ROLES = [None, "resident", "leader", "moderator", "staff", "partner"]


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)


def duplicate_ids(html):
    parser = Ids()
    parser.feed(html)
    return sorted(name for name, count in Counter(parser.ids).items() if count > 1)


def test_duplicates_are_found():
    assert duplicate_ids('<input id="id_quote"><textarea id="id_quote"></textarea>') == ["id_quote"]
    assert duplicate_ids('<input id="a"><input id="b">') == []


@pytest.mark.parametrize("role", DEMO_ROLES)
def test_every_main_page_has_unique_ids_for_each_demo_role(public_site, role):  # noqa: F811
    from engage.accounts.models import User

    client = Client()
    if role is not None:
        user = User.objects.filter(email=f"{role}@example.org").first()
        if user is None:
            pytest.skip(f"no demo account {role}@example.org")
        client.force_login(user)
    visited = {}
    original_get = client.get

    def get(url, *args, **kwargs):
        response = original_get(url, *args, **kwargs)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            visited[url] = response.content.decode(response.charset or "utf-8")
        return response

    client.get = get
    crawl(client, "en")

    problems = [f"{url}: {ids}" for url, html in visited.items() if (ids := duplicate_ids(html))]
    assert visited
    assert not problems, "duplicate ids:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_api_docs_reference_no_other_origin(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    absolute = re.findall(r"(?:src|href)=[\"'](https?:)?//[^\"']+", html)
    assert not absolute, absolute
    assert '"validatorUrl": null' in html
