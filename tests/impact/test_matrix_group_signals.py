"""The share of negative texts per policy area × community group in the city matrix
(engage/impact/matrix/group_signals.py): consented declarations only, suppressed as
the insights breakdown is, one query, and the area-wide share named as such when a
group's own cannot be shown."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engage.communities.models import DeclarationConsent
from engage.impact.matrix.data import Filters, build_matrix
from engage.impact.matrix.group_signals import negative_share_by_group
from engage.insights.models import TextAnalysis
from tests.factories import DeclarationConsentFactory, DeclarationFactory, UserFactory
from tests.impact.matrix_fixtures import assessment, city

pytestmark = pytest.mark.django_db

_counter = iter(range(1, 1_000_000))


def texts(policy_area, group, people, negative_each, neutral_each=0, consent=True, area="N01"):
    """`people` authors declaring `group` (None: no declaration), each writing
    `negative_each` negative and `neutral_each` neutral texts in `policy_area`."""
    kind = ContentType.objects.get_for_model(TextAnalysis)
    made = []
    for _ in range(people):
        author = UserFactory()
        if group is not None:
            if consent:
                DeclarationConsentFactory(user=author)
            DeclarationFactory(user=author, category=group)
        for sentiment in [-0.8] * negative_each + [0.0] * neutral_each:
            made.append(
                TextAnalysis(
                    content_type=kind,
                    object_id=next(_counter),
                    kind="comment",
                    policy_area=policy_area,
                    area=area,
                    author=author,
                    content_visible=True,
                    content_created_at=timezone.now() - datetime.timedelta(days=3),
                    sentiment=sentiment,
                    analysed_at=timezone.now(),
                )
            )
    TextAnalysis.objects.bulk_create(made)


@pytest.fixture
def world():
    areas, dimension, groups = city(groups=("young", "older", "middle"))
    assessment(areas["housing"], {groups["young"]: -2, groups["older"]: -1, groups["middle"]: 0})
    return areas, groups


def test_a_group_with_enough_writers_gets_its_own_share(world):
    areas, groups = world
    texts("housing", groups["young"], 12, negative_each=1, neutral_each=1)  # 50 %
    texts("housing", groups["older"], 12, negative_each=0, neutral_each=2)  # 0 %, not missing
    texts("housing", None, 15, negative_each=1)  # not declared
    shares = negative_share_by_group(Filters(), list(areas.values()), list(groups.values()))
    assert shares[areas["housing"].pk, groups["young"].pk] == (0.5, 24)
    assert shares[areas["housing"].pk, groups["older"].pk] == (0.0, 24)
    assert (areas["housing"].pk, groups["middle"].pk) not in shares  # nobody wrote
    cell = build_matrix().cell(areas["housing"], groups["young"])
    assert cell.inputs.negative_share == 0.5 and cell.inputs.negative_share_scope == "group"
    assert "by this group in this policy area: 50% of 24 texts" in cell.result.reason_text()


def test_a_small_group_is_suppressed_with_its_complement_and_never_zero(world):
    areas, groups = world
    texts("housing", groups["young"], 12, negative_each=1)
    texts("housing", groups["older"], 4, negative_each=3)  # fewer than 10 people
    texts("housing", groups["middle"], 11, negative_each=0, neutral_each=1)
    shares = negative_share_by_group(Filters(), list(areas.values()), list(groups.values()))
    assert (areas["housing"].pk, groups["older"].pk) not in shares
    # Nobody else (not declared) wrote, so the smallest other group protects it.
    assert (areas["housing"].pk, groups["middle"].pk) not in shares
    assert shares[areas["housing"].pk, groups["young"].pk] == (1.0, 12)
    cell = build_matrix().cell(areas["housing"], groups["older"])
    assert cell.inputs.negative_share_scope == "area"  # the area-wide value, or missing
    assert "by this group" not in cell.result.reason_text()


def test_withdrawn_consent_and_other_policy_areas_do_not_count(world):
    areas, groups = world
    texts("housing", groups["young"], 12, negative_each=1, consent=False)
    texts("parks", groups["older"], 12, negative_each=1)
    shares = negative_share_by_group(Filters(), list(areas.values()), list(groups.values()))
    assert (areas["housing"].pk, groups["young"].pk) not in shares
    assert shares[areas["parks"].pk, groups["older"].pk] == (1.0, 12)
    DeclarationConsent.objects.update(withdrawn_at=timezone.now())
    assert negative_share_by_group(Filters(), list(areas.values()), list(groups.values())) == {}


def test_the_area_and_period_filters_apply(world):
    areas, groups = world
    texts("housing", groups["young"], 12, negative_each=1, area="N02")
    everywhere = negative_share_by_group(Filters(), [areas["housing"]], list(groups.values()))
    assert everywhere
    assert not negative_share_by_group(
        Filters(area="N01"), [areas["housing"]], list(groups.values())
    )
    long_ago = Filters(since=datetime.date(2020, 1, 1), until=datetime.date(2020, 3, 1))
    assert not negative_share_by_group(long_ago, [areas["housing"]], list(groups.values()))


def test_one_query_whatever_the_number_of_dimensions(world):
    from engage.communities.models import Category, Dimension

    areas, groups = world
    texts("housing", groups["young"], 12, negative_each=1)
    with CaptureQueriesContext(connection) as one:
        negative_share_by_group(Filters(), list(areas.values()), list(groups.values()))
    faith = Dimension.objects.create(name="Faith", slug="faith")
    more = [Category.objects.create(dimension=faith, name=f"F{i}", slug=f"f{i}") for i in range(3)]
    with CaptureQueriesContext(connection) as two:
        negative_share_by_group(Filters(), list(areas.values()), [*groups.values(), *more])
    assert len(one) == len(two) == 1
