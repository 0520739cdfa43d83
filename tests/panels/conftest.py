"""Small pools for the panel tests: small enough that the whole module runs in seconds."""

import pytest

from engage.communities.panels import Quota, Volunteer


def _pool(groups):
    pool, number = [], 0
    for (age, area), count in groups:
        for _ in range(count):
            number += 1
            pool.append(Volunteer(f"p{number:02d}", {"age": age, "area": area}))
    return pool


@pytest.fixture
def rare_pool():
    """Eleven volunteers for four places; `rare` is the only one aged 75+ and in the east.

    Neither of rare's categories has a minimum, so the legacy greedy method, which fills
    the categories furthest below their minimum first, almost never reaches them.
    """
    pool = _pool([(("16-64", "north"), 7), (("16-64", "south"), 3)])
    pool.append(Volunteer("rare", {"age": "75+", "area": "east"}))
    return pool


@pytest.fixture
def rare_quotas():
    return [
        Quota("age", "16-64", 1, 4),
        Quota("age", "75+", 0, 3),
        Quota("area", "north", 2, 4),
        Quota("area", "south", 1, 1),
        Quota("area", "east", 0, 1),
    ]


@pytest.fixture
def mixed_pool():
    """Twenty volunteers, two features with two values each, uneven mixes."""
    return _pool(
        [
            (("young", "north"), 6),
            (("young", "south"), 5),
            (("old", "north"), 2),
            (("old", "south"), 7),
        ]
    )


@pytest.fixture
def mixed_quotas():
    return [
        Quota("age", "young", 2, 3),
        Quota("age", "old", 2, 3),
        Quota("area", "north", 2, 2),
        Quota("area", "south", 3, 3),
    ]
