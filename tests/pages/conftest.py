"""A small page tree for the page tests: home, an about page, consultations, forums."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def standard_page(home_page):
    from home.models import StandardPage

    page = StandardPage(
        title="About Engage",
        slug="about",
        intro="How to take part.",
        body=[
            {"type": "heading", "value": {"text": "How to take part", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Create an account.</p>"},
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def forum_index(home_page):
    from forums.models import ForumIndexPage

    index = ForumIndexPage(title="Forums", slug="forums", intro="<p>Talk it through.</p>")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def forum_page(forum_index):
    from forums.models import ForumPage

    page = ForumPage(
        title="Myths and facts",
        slug="myths-and-facts",
        intro="<p>Check a rumour.</p>",
        posting_guidelines="<ul><li>Be kind.</li></ul>",
    )
    forum_index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def closed_consultation(consultation_index):
    from tests.factories import build_consultation

    return build_consultation(
        consultation_index, title="Library hours", opens_in_days=-60, closes_in_days=-30
    )


@pytest.fixture
def upcoming_consultation(consultation_index):
    from tests.factories import build_consultation

    return build_consultation(
        consultation_index, title="Bus routes", opens_in_days=10, closes_in_days=40
    )


@pytest.fixture
def session_for(db):
    """Build a CoDesignSession for a consultation (or none)."""
    from consultations.codesign.models import CoDesignSession

    def build(consultation=None, **kwargs):
        starts_at = timezone.now() + datetime.timedelta(days=7)
        fields = {
            "title": "Park workshop",
            "purpose": "Shape the new play area.",
            "consultation": consultation,
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2),
            "place": "Community Centre",
            "languages": "en, ar",
            **kwargs,
        }
        return CoDesignSession.objects.create(**fields)

    return build
