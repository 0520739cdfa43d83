"""The page factories add pages to the Wagtail tree under their parent, published or not."""

import pytest

from consultations.models import ConsultationPage, ConsultationStatus
from tests import factories


def test_a_consultation_is_added_under_its_parent_and_published(consultation_index):
    page = factories.ConsultationPageFactory(parent=consultation_index, title="Bus lanes")
    assert page.get_parent().specific == consultation_index
    stored = ConsultationPage.objects.get(pk=page.pk)
    assert stored.live and stored.live_revision is not None
    assert page.slug == "bus-lanes"
    assert page.status == ConsultationStatus.OPEN
    assert ConsultationPage.objects.live().get() == page


def test_a_draft_is_in_the_tree_but_not_live(consultation_index):
    page = factories.ConsultationPageFactory(parent=consultation_index, publish=False)
    assert page.get_parent().specific == consultation_index
    assert not ConsultationPage.objects.get(pk=page.pk).live
    assert not ConsultationPage.objects.live().exists()


def test_the_same_title_twice_gets_two_slugs(consultation_index):
    first = factories.build_consultation(consultation_index)
    second = factories.build_consultation(consultation_index)
    assert first.slug != second.slug


def test_a_page_needs_a_parent(db):
    with pytest.raises(TypeError, match="parent"):
        factories.ForumIndexPageFactory()


def test_forum_pages_nest_under_the_forum_index(home_page):
    index = factories.ForumIndexPageFactory(parent=home_page)
    forum = factories.ForumPageFactory(parent=index)
    assert [page.specific for page in index.get_children().live()] == [forum]
