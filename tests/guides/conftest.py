"""Fixtures of the discussion-guide tests: a guide index below the home page and a
helper that adds guides to it."""

import pytest

from home.guides.models import DiscussionGuideIndexPage, DiscussionGuidePage


@pytest.fixture
def guide_index(home_page):
    index = DiscussionGuideIndexPage(title="Discussion guides", slug="discussion-guides")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_guide(index, *, slug, audience="everyone", publish=True, **fields):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    page = DiscussionGuidePage(slug=slug, audience=audience, live=publish, **fields)
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def guide(guide_index):
    return add_guide(
        guide_index,
        slug="team-meeting",
        title="Talking about polarisation in a team meeting",
        title_ar="الحديث عن الاستقطاب في اجتماع الفريق",
        summary="Fifteen minutes at the start of a meeting.",
        purpose="<p>Polarisation is easier to prevent than to repair.</p>",
        questions=[{"type": "question", "value": {"question": "Who gains?", "why": "Both sides."}}],
        key_terms="polarisation\ncommunity cohesion",
        do="<ul><li>Ask early.</li></ul>",
        avoid="<ul><li>Labelling a whole community.</li></ul>",
        support=[
            {
                "type": "contact",
                "value": {"name": "Cohesion Team", "email": "cohesion@example.org"},
            }
        ],
    )
