"""Builders for representation scenarios: a baseline area with dimensions, and people
who took part in a scope with given declarations (bulk-created, so hundreds are cheap)."""

import itertools
from decimal import Decimal

import pytest

from engage.accounts.models import User
from engage.communities.models import (
    Area,
    BaselineShare,
    Category,
    Declaration,
    Dimension,
    Participation,
)
from engage.communities.scopes import Scope

_serial = itertools.count()


class City:
    """A test city: one area with baselines; `people()` adds participants."""

    def __init__(self, code="CITY1"):
        self.area, _created = Area.objects.get_or_create(code=code, defaults={"name": "Testville"})
        self.dimensions = {}
        self.categories = {}

    def dimension(self, slug, shares):
        """A dimension with categories and baseline shares: {category slug: share}."""
        dimension, _created = Dimension.objects.get_or_create(slug=slug, defaults={"name": slug})
        self.dimensions[slug] = dimension
        for order, (category_slug, share) in enumerate(shares.items()):
            category, _created = Category.objects.get_or_create(
                dimension=dimension,
                slug=category_slug,
                defaults={"name": category_slug.title(), "sort_order": order},
            )
            self.categories[slug, category_slug] = category
            BaselineShare.objects.update_or_create(
                area=self.area, category=category, defaults={"share": Decimal(str(share))}
            )
        return dimension

    def people(self, scope, dimension=None, counts=None, prefer_not=0, undeclared=0, area=None):
        """Create people who took part in `scope`: `counts` {category slug: n} declared
        in `dimension`, `prefer_not` who preferred not to say, `undeclared` silent."""
        if isinstance(scope, str):
            scope = Scope.parse(scope)
        plan = [
            self.categories[dimension, slug] for slug, n in (counts or {}).items() for _ in range(n)
        ]
        plan += ["prefer-not"] * prefer_not + [None] * undeclared
        users = User.objects.bulk_create(
            [User(email=f"rep{next(_serial)}@example.org", password="!") for _ in plan]
        )
        Participation.objects.bulk_create(
            [
                Participation(
                    user=user, scope_type=scope.kind, scope_id=scope.key, area=area or self.area
                )
                for user in users
            ]
        )
        Declaration.objects.bulk_create(
            [
                Declaration(
                    user=user,
                    dimension=self.dimensions[dimension],
                    category=None if what == "prefer-not" else what,
                )
                for user, what in zip(users, plan, strict=True)
                if what is not None
            ]
        )
        return users


@pytest.fixture
def city(db):
    return City()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Reports are cached (Redis in CI): start every test with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
