"""The real "aggregates" kind: what leaves is suppressed as on screen (small cells read
"fewer than N", secondary suppression), opinion groups below the threshold have no size
and no statements, and no vote or person is ever in a package."""

import json

import pytest
from django.utils import timezone

from engage.communities.models import Declaration
from engage.exchange.canonical import canonical_bytes
from engage.exchange.kinds.aggregates import AGGREGATES, opinion_summary
from engage.exchange.package import build_package
from engage.exchange.registry import ExportOptions
from engage.opinions.models import Snapshot
from tests.factories.communities import (
    AreaFactory,
    BaselineShareFactory,
    DeclarationConsentFactory,
    ParticipationFactory,
    dimension_with_groups,
)
from tests.factories.opinions import OpinionMapFactory, StatementFactory

pytestmark = pytest.mark.django_db


def _map_with_groups(sizes):
    """A map whose newest snapshot has groups of `sizes` members (fake participant ids)
    and one representative statement per group."""
    opinion_map = OpinionMapFactory(title="Riverside park")
    statements = [
        StatementFactory(map=opinion_map, text=f"Group {n} agrees") for n in range(len(sizes))
    ]
    groups, members = [], []
    for number, size in enumerate(sizes):
        ids = [f"p{number}-{n}" for n in range(size)]
        members += ids
        groups.append(
            {
                "id": number,
                "members": ids,
                "repness": [
                    {"statement": statements[number].public_id, "repful": "agree", "repness": 2.0}
                ],
            }
        )
    Snapshot.objects.create(
        map=opinion_map,
        seed=0,
        computed_at=timezone.now(),
        result={
            "participants": len(members),
            "in_conversation": members,
            "groups": groups,
            "consensus": {"agree": [], "disagree": []},
            "group_informed_consensus": {},
            "projection": {pid: [0.0, 0.0] for pid in members},
            "counts": {"totals": {}, "groups": {}},
        },
    )
    return opinion_map


def test_small_opinion_group_has_no_size_and_no_statements(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    summary = opinion_summary(_map_with_groups([15, 3]))
    big, small = summary["groups"]
    assert small["size"] == {"count": None, "label": "fewer than 10"}
    assert small["agrees"] == [] and small["disagrees"] == []
    assert big["agrees"] == [{"text": "Group 0 agrees", "language": "en"}]
    # The small group cannot be worked out from the total and the other group.
    visible = [summary["in_conversation"]["count"], big["size"]["count"]]
    assert None in visible


def test_opinion_summary_holds_no_votes_and_no_participants():
    opinion_map = _map_with_groups([12, 11])
    text = json.dumps(opinion_summary(opinion_map))
    assert "p0-" not in text and "p1-" not in text
    assert "members" not in text and "projection" not in text


def test_opinion_groups_at_the_threshold_are_shown(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    summary = opinion_summary(_map_with_groups([12, 11]))
    assert [group["size"]["count"] for group in summary["groups"]] == [12, 11]
    assert summary["in_conversation"]["count"] == 23


def test_representation_aggregate_suppresses_small_cells(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    settings.CITY_AREA_CODE = "CITY1"
    city = AreaFactory(code="CITY1", name="Test city")
    dimension = dimension_with_groups("Age band", {"young": "Young", "old": "Old"})
    young, old = dimension.categories.order_by("sort_order")
    BaselineShareFactory(area=city, category=young, share="0.5")
    BaselineShareFactory(area=city, category=old, share="0.5")
    for number in range(23):
        participation = ParticipationFactory(area=city)
        DeclarationConsentFactory(user=participation.user)
        Declaration.objects.create(
            user=participation.user, dimension=dimension, category=young if number < 20 else old
        )
    items = [
        item for item in AGGREGATES.export(ExportOptions()) if item["aggregate"] == "representation"
    ]
    assert [item["key"] for item in items] == ["representation:city"]
    rows = {row["category"]: row for row in items[0]["data"]["dimensions"][0]["rows"]}
    assert rows["old"]["participants"] == {"count": None, "label": "fewer than 10"}
    assert rows["old"]["share"] is None
    # Secondary suppression: the declared total or the other group is withheld too.
    dimension_out = items[0]["data"]["dimensions"][0]
    assert None in (dimension_out["declared"]["count"], rows["young"]["participants"]["count"])
    assert "3" not in [row["participants"]["label"] for row in rows.values()]


def test_aggregates_package_is_signed_and_small_cells_stay_hidden(settings):
    settings.SMALL_CELL_THRESHOLD = 10
    _map_with_groups([15, 3])
    package = build_package(["aggregates"])
    items = package["kinds"]["aggregates"]["items"]
    maps = [item for item in items if item["aggregate"] == "opinion_map"]
    assert len(maps) == 1 and maps[0]["key"].startswith("opinion_map:riverside-park-")
    assert b"p1-0" not in canonical_bytes(package)
    assert maps[0]["data"]["groups"][1]["size"]["count"] is None
