"""Community data: areas, dimensions and their groups, baselines, declarations and
participation (engage.communities)."""

import factory
from django.utils.text import slugify

from engage.communities.models import (
    Area,
    BaselineShare,
    Category,
    Declaration,
    DeclarationConsent,
    Dimension,
    Participation,
)
from tests.factories.accounts import UserFactory


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"AREA{n}")
    name = factory.Sequence(lambda n: f"Area {n}")


class DimensionFactory(factory.django.DjangoModelFactory):
    """A dimension ("Ethnic group", "Age band"); the slug follows the name by default."""

    class Meta:
        model = Dimension

    name = factory.Sequence(lambda n: f"Dimension {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class CategoryFactory(factory.django.DjangoModelFactory):
    """A community group in a dimension; the slug follows the name by default."""

    class Meta:
        model = Category

    dimension = factory.SubFactory(DimensionFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class BaselineShareFactory(factory.django.DjangoModelFactory):
    """The share of an area's population in one group."""

    class Meta:
        model = BaselineShare

    area = factory.SubFactory(AreaFactory)
    category = factory.SubFactory(CategoryFactory)
    share = "0.5"


class DeclarationConsentFactory(factory.django.DjangoModelFactory):
    """Consent to record which groups `user` belongs to."""

    class Meta:
        model = DeclarationConsent

    user = factory.SubFactory(UserFactory)
    privacy_notice_version = "1"
    purpose_version = "1"


class DeclarationFactory(factory.django.DjangoModelFactory):
    """`user` declares `category` (its dimension follows); `category=None` is "prefer
    not to say" and then `dimension` must be given."""

    class Meta:
        model = Declaration

    user = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CategoryFactory)
    dimension = factory.LazyAttribute(lambda o: o.category.dimension)


class ParticipationFactory(factory.django.DjangoModelFactory):
    """`user` took part in a scope (`scope_type`, `scope_id`)."""

    class Meta:
        model = Participation

    user = factory.SubFactory(UserFactory)
    scope_type = "consultation"
    scope_id = factory.Sequence(str)


def dimension_with_groups(name, groups, slug=None):
    """A new dimension `name` with its groups in order: `groups` maps slug -> name."""
    dimension = DimensionFactory(name=name, **({"slug": slug} if slug else {}))
    for order, (group_slug, group_name) in enumerate(groups.items()):
        CategoryFactory(dimension=dimension, slug=group_slug, name=group_name, sort_order=order)
    return dimension


def community_group(name="Somali community", dimension="Ethnic group"):
    """A communities.Category (a community group) in a dimension, created if needed."""
    dim, _created = Dimension.objects.get_or_create(
        slug=slugify(dimension), defaults={"name": dimension}
    )
    group, _created = Category.objects.get_or_create(
        dimension=dim, slug=slugify(name), defaults={"name": name}
    )
    return group
