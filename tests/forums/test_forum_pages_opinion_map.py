"""A forum page links to the forum's opinion map when there is one the reader may see."""

import pytest

from engage.opinions.models import MapStatus
from tests.factories.opinions import OpinionMapFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_the_forum_page_links_to_its_open_opinion_map(client, forum):
    assert "opinion-map-link" not in client.get(forum.url).content.decode()
    opinion_map = OpinionMapFactory(scope=f"forum:{forum.pk}", question="Is the bridge safe?")
    StatementFactory(map=opinion_map)
    html = client.get(forum.url).content.decode()
    assert "Is the bridge safe?" in html and f"/opinions/{opinion_map.pk}/" in html
    opinion_map.status = MapStatus.DRAFT
    opinion_map.save()
    assert "Is the bridge safe?" not in client.get(forum.url).content.decode()
