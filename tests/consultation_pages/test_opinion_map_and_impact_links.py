"""A consultation page shows its open opinion map and its published impact assessments
(what every reader may see: the article is shared), and nothing of a draft map."""

import pytest
from django.core.cache import cache
from django.test import Client

from engage.opinions.models import MapStatus
from tests.factories import build_consultation
from tests.factories.opinions import OpinionMapFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_the_page_links_to_its_open_opinion_map_and_not_to_a_draft(consultation_index):
    consultation = build_consultation(consultation_index, title="Park benches", slug="benches")
    opinion_map = OpinionMapFactory(
        scope=f"consultation:{consultation.pk}", question="Where should benches go?"
    )
    StatementFactory(map=opinion_map)
    html = Client().get(consultation.url).content.decode()
    assert "Where should benches go?" in html and f"/opinions/{opinion_map.pk}/" in html

    opinion_map.status = MapStatus.DRAFT
    opinion_map.save()
    cache.clear()  # the shared article keeps what it showed for at most a minute
    html = Client().get(consultation.url).content.decode()
    assert "Where should benches go?" not in html
