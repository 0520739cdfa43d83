"""Assertions shared by the page tests."""

import re


def h1_texts(response):
    """The text of every <h1> in a response."""
    return re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), flags=re.S)


def assert_one_h1(response, text=None):
    assert response.status_code == 200
    headings = h1_texts(response)
    assert len(headings) == 1, headings
    if text is not None:
        assert headings[0].strip() == text
