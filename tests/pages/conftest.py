"""A small page tree for the page tests: home, an about page, consultations, forums."""

import pytest

from tests import factories


@pytest.fixture
def standard_page(home_page):
    return factories.StandardPageFactory(
        parent=home_page,
        title="About Engage",
        slug="about",
        intro="How to take part.",
        body=[
            {"type": "heading", "value": {"text": "How to take part", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Create an account.</p>"},
        ],
    )


@pytest.fixture
def forum_index(home_page):
    return factories.ForumIndexPageFactory(parent=home_page, slug="forums")


@pytest.fixture
def forum_page(forum_index):
    return factories.ForumPageFactory(parent=forum_index, slug="myths-and-facts")


@pytest.fixture
def closed_consultation(consultation_index):
    return factories.build_consultation(
        consultation_index, title="Library hours", opens_in_days=-60, closes_in_days=-30
    )


@pytest.fixture
def upcoming_consultation(consultation_index):
    return factories.build_consultation(
        consultation_index, title="Bus routes", opens_in_days=10, closes_in_days=40
    )


@pytest.fixture
def session_for(db):
    """Build a CoDesignSession for a consultation (or none)."""

    def build(consultation=None, **kwargs):
        return factories.CoDesignSessionFactory(consultation=consultation, **kwargs)

    return build
