"""The home page lists what is open now."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import build_consultation


def test_home_lists_open_consultations_only(
    client, home_page, consultation, closed_consultation, upcoming_consultation
):
    html = client.get(home_page.url).content.decode()
    assert consultation.title in html
    assert closed_consultation.title not in html
    assert upcoming_consultation.title not in html


def test_home_lists_forums(client, home_page, forum_page):
    html = client.get(home_page.url).content.decode()
    assert forum_page.url in html


def test_home_says_so_when_nothing_is_open(client, home_page, closed_consultation):
    html = client.get(home_page.url).content.decode()
    assert "No consultation is open right now." in html


def test_home_queries_do_not_grow_with_open_consultations(client, home_page, consultation_index):
    build_consultation(consultation_index, title="One")
    client.get(home_page.url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as few:
        client.get(home_page.url)
    for number in range(5):
        build_consultation(consultation_index, title=f"More {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(home_page.url)
    assert response.content.decode().count("consultation-card") == 6
    assert len(many) == len(few)
