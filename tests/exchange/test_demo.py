"""The demo loader: a trusted neighbouring city and its templates staged for review."""

from pathlib import Path

import pytest

from engage.demo.data import DemoContext
from engage.exchange.demo import load_demo
from engage.exchange.models import ImportedItem, ImportStatus, TrustedCity

pytestmark = pytest.mark.django_db

DATA_DIR = Path(load_demo.__code__.co_filename).parent


def test_demo_trusts_a_neighbour_and_stages_its_package_once():
    context = DemoContext()
    load_demo(DATA_DIR, context)
    city = TrustedCity.objects.get(slug="brightwater")
    item = ImportedItem.objects.get(origin=city)
    assert item.status == ImportStatus.PENDING and item.kind == "impact_templates"
    assert item.provenance["city"] == city.name
    load_demo(DATA_DIR, DemoContext())
    assert ImportedItem.objects.count() == 1 and TrustedCity.objects.count() == 1
