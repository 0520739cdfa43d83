"""The demo discussion guides: an index and two guides in six languages, idempotent."""

from pathlib import Path

import pytest

from engage.demo.data import DemoContext
from home.guides import demo
from home.guides.models import DiscussionGuideIndexPage, DiscussionGuidePage

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "ar", "fr", "pl", "so", "ur")


def load():
    context = DemoContext()
    demo.load_demo(Path(demo.__file__).resolve().parent, context)
    return context


def test_demo_guides_load_in_every_language_once(home_page, client):
    first = load()
    assert DiscussionGuideIndexPage.objects.count() == 1
    guides = list(DiscussionGuidePage.objects.live().order_by("path"))
    assert [g.slug for g in guides] == ["polarisation-in-a-team-meeting", "when-a-rumour-spreads"]
    for guide in guides:
        for language in LANGUAGES:
            assert getattr(guide, f"title_{language}"), (guide.slug, language)
            assert len(getattr(guide, f"questions_{language}")) == 3
            assert getattr(guide, f"support_{language}")
    assert guides[0].audience == "everyone"
    assert guides[1].audience == "partners"
    assert len(first.created) == 3
    assert load().created == []
    response = client.get(f"/ur{guides[0].url[3:]}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html
    assert "ٹیم میٹنگ میں تقسیم کے بارے میں بات کرنا" in html
