"""The representation report: counts from the ledger and declarations, flags, baselines,
exclusions, offline participants, query count and caching."""

import pytest
from django.core.exceptions import ValidationError

from engage.communities.models import (
    Action,
    OfflineDeclaration,
    OfflineImport,
    OfflineParticipant,
)
from engage.communities.representation import (
    BaselineNotFound,
    Flag,
    ScopeNotFound,
    representation_report,
)
from engage.communities.scopes import Scope
from engage.communities.services import record_participation
from tests.factories import AreaFactory, BaselineShareFactory, CategoryFactory, UserFactory

SCOPE = "proposal:1"


def rows(report, dimension):
    found = next(d for d in report.dimensions if d.slug == dimension)
    return found, {row.slug: row for row in found.rows}


@pytest.fixture
def ethnic(city):
    city.dimension("ethnic", {"white": 0.60, "asian": 0.20, "black": 0.15, "other": 0.05})
    return city


@pytest.mark.django_db
class TestFlagsOnScenarios:
    def test_each_flag(self, ethnic, settings):
        settings.REPRESENTATION_MIN_DECLARED = 30
        # 400 declared: white 320 (0.8 against 0.6: over), asian 80 (0.2: in range),
        # black 0 where 60 were expected (absent).
        ethnic.people(SCOPE, "ethnic", {"white": 320, "asian": 80})
        report = representation_report(SCOPE, use_cache=False)
        dimension, by_slug = rows(report, "ethnic")
        assert dimension.declared == 400
        assert by_slug["white"].flag == Flag.OVER
        assert by_slug["asian"].flag == Flag.IN_RANGE
        assert by_slug["black"].flag == Flag.ABSENT
        assert by_slug["white"].ratio == pytest.approx(0.8 / 0.6)

    def test_under_represented(self, ethnic):
        ethnic.people(SCOPE, "ethnic", {"white": 350, "asian": 10, "black": 20, "other": 20})
        _dimension, by_slug = rows(representation_report(SCOPE, use_cache=False), "ethnic")
        assert by_slug["asian"].flag == Flag.UNDER
        assert by_slug["asian"].interval[1] < 0.20

    def test_too_few_declarations(self, ethnic, settings):
        settings.REPRESENTATION_MIN_DECLARED = 30
        ethnic.people(SCOPE, "ethnic", {"white": 10, "asian": 3}, undeclared=40)
        dimension, by_slug = rows(representation_report(SCOPE, use_cache=False), "ethnic")
        assert {row.flag for row in by_slug.values()} == {Flag.TOO_FEW}
        assert dimension.participants == 53
        assert dimension.coverage == pytest.approx(13 / 53)

    def test_share_is_among_those_who_declared(self, ethnic):
        ethnic.people(SCOPE, "ethnic", {"white": 30, "asian": 10}, prefer_not=5, undeclared=15)
        dimension, by_slug = rows(representation_report(SCOPE, use_cache=False), "ethnic")
        assert (dimension.declared, dimension.prefer_not_to_say, dimension.not_declared) == (
            40,
            5,
            15,
        )
        assert by_slug["asian"].share == pytest.approx(0.25)


@pytest.mark.django_db
class TestBaselines:
    def test_zero_baseline_share_gives_no_ratio_and_no_error(self, city):
        city.dimension("religion", {"none": 0.6, "christian": 0.4, "jedi": 0.0})
        city.people(SCOPE, "religion", {"none": 30, "christian": 20, "jedi": 2})
        dimension, by_slug = rows(representation_report(SCOPE, use_cache=False), "religion")
        assert by_slug["jedi"].ratio is None
        assert by_slug["jedi"].baseline_share == 0
        assert dimension.p_value == 0.0

    def test_excluded_categories_renormalise_the_rest(self, city):
        city.dimension("age", {"0-14": 0.2, "15-64": 0.6, "65-plus": 0.2})
        city.people(SCOPE, "age", {"15-64": 60, "65-plus": 20, "0-14": 1})
        report = representation_report(SCOPE, exclude_categories=["age:0-14"], use_cache=False)
        dimension, by_slug = rows(report, "age")
        assert by_slug["15-64"].baseline_share == pytest.approx(0.75)
        assert by_slug["65-plus"].baseline_share == pytest.approx(0.25)
        assert by_slug["0-14"].excluded and by_slug["0-14"].flag == Flag.EXCLUDED
        assert dimension.declared == 80
        assert dimension.excluded == 1
        assert by_slug["15-64"].share == pytest.approx(0.75)
        assert dimension.total_variation_distance == pytest.approx(0)

    def test_a_named_baseline_is_used(self, city):
        city.dimension("sex", {"female": 0.5, "male": 0.5})
        other = AreaFactory(code="OTHER", name="Elsewhere")
        for slug, share in (("female", "0.9"), ("male", "0.1")):
            BaselineShareFactory(area=other, category=city.categories["sex", slug], share=share)
        report = representation_report("city", baseline_area="OTHER", use_cache=False)
        assert report.baseline_area_code == "OTHER"
        _d, by_slug = rows(report, "sex")
        assert by_slug["female"].baseline_share == pytest.approx(0.9)

    def test_city_uses_the_only_top_level_area(self, city):
        city.dimension("sex", {"female": 0.5, "male": 0.5})
        assert representation_report("city", use_cache=False).baseline_area_code == "CITY1"

    def test_a_consultation_uses_its_own_area(self, city, consultation):
        city.dimension("sex", {"female": 0.5, "male": 0.5})
        ward = AreaFactory(code="WARD1", name="Ward", parent=city.area)
        consultation.area = ward
        consultation.save()
        # The ward has no baseline of its own: the enclosing city's is used.
        report = representation_report(f"consultation:{consultation.pk}", use_cache=False)
        assert report.baseline_area_code == "CITY1"

    def test_without_any_baseline_the_error_says_what_to_do(self, db):
        AreaFactory(code="A", name="A")
        AreaFactory(code="B", name="B")
        with pytest.raises(BaselineNotFound, match="--baseline"):
            representation_report("city", use_cache=False)

    def test_unknown_area_is_an_error(self, city):
        with pytest.raises(BaselineNotFound, match="NOPE"):
            representation_report("city", baseline_area="NOPE", use_cache=False)

    def test_unknown_consultation_is_an_error(self, city):
        with pytest.raises(ScopeNotFound):
            representation_report("consultation:999999", use_cache=False)

    def test_bad_scope_text_is_an_error(self, city):
        with pytest.raises(ValidationError):
            representation_report("everywhere", use_cache=False)


@pytest.mark.django_db
class TestWhoIsCounted:
    def test_a_person_counts_once_in_the_city_whatever_their_scopes(self, ethnic):
        users = ethnic.people(SCOPE, "ethnic", {"white": 3})
        for user in users:
            record_participation(user, Action.COMMENTED, Scope.parse("proposal:2"))
        report = representation_report("city", use_cache=False)
        assert report.participants == 3
        assert rows(report, "ethnic")[0].declared == 3

    def test_offline_participants_count_alongside_online_ones(self, ethnic):
        ethnic.people(SCOPE, "ethnic", {"white": 3})
        batch = OfflineImport.objects.create(scope_type="proposal", scope_id="1")
        people = OfflineParticipant.objects.bulk_create(
            OfflineParticipant(batch=batch, scope_type="proposal", scope_id="1", area=ethnic.area)
            for _ in range(4)
        )
        for person in people[:2]:
            OfflineDeclaration.objects.create(
                participant=person,
                dimension=ethnic.dimensions["ethnic"],
                category=ethnic.categories["ethnic", "asian"],
            )
        report = representation_report(SCOPE, use_cache=False)
        dimension, by_slug = rows(report, "ethnic")
        assert (report.online_participants, report.offline_participants) == (3, 4)
        assert (dimension.participants, dimension.declared, dimension.not_declared) == (7, 5, 2)
        assert by_slug["asian"].participants == 2
        assert representation_report("area:CITY1", use_cache=False).participants == 7

    def test_query_count_does_not_grow_with_participants(
        self, ethnic, django_assert_max_num_queries
    ):
        ethnic.people(SCOPE, "ethnic", {"white": 5, "asian": 2})
        with django_assert_max_num_queries(8) as small:
            representation_report(SCOPE, use_cache=False)
        ethnic.people(SCOPE, "ethnic", {"white": 300, "asian": 80, "black": 40}, undeclared=50)
        with django_assert_max_num_queries(len(small.captured_queries)):
            representation_report(SCOPE, use_cache=False)


@pytest.mark.django_db
class TestCache:
    def test_cached_until_participation_changes(
        self, ethnic, django_capture_on_commit_callbacks, django_assert_max_num_queries
    ):
        ethnic.people(SCOPE, "ethnic", {"white": 5})
        first = representation_report(SCOPE)
        with django_assert_max_num_queries(2):  # baseline lookup only
            assert representation_report(SCOPE).participants == first.participants
        with django_capture_on_commit_callbacks(execute=True):
            record_participation(UserFactory(), Action.COMMENTED, Scope.parse(SCOPE))
        assert representation_report(SCOPE).participants == first.participants + 1

    def test_participation_elsewhere_invalidates_the_city_report(
        self, ethnic, django_capture_on_commit_callbacks
    ):
        ethnic.people(SCOPE, "ethnic", {"white": 5})
        before = representation_report("city").participants
        with django_capture_on_commit_callbacks(execute=True):
            record_participation(UserFactory(), Action.COMMENTED, Scope.parse("forum:77"))
        assert representation_report("city").participants == before + 1

    def test_a_rolled_back_write_does_not_invalidate(
        self, ethnic, django_capture_on_commit_callbacks
    ):
        ethnic.people(SCOPE, "ethnic", {"white": 5})
        representation_report(SCOPE)
        person = UserFactory()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            record_participation(person, Action.COMMENTED, Scope.parse(SCOPE))
        assert len(callbacks) == 1  # registered for commit, not run inside the transaction


@pytest.mark.django_db
def test_detailed_declarations_roll_up_to_the_broader_baseline_category(ethnic):
    asian = ethnic.categories["ethnic", "asian"]
    indian = CategoryFactory(dimension=asian.dimension, slug="indian", name="Indian", broader=asian)
    punjabi = CategoryFactory(
        dimension=asian.dimension, slug="punjabi", name="Punjabi", broader=indian
    )
    ethnic.categories["ethnic", "indian"] = indian
    ethnic.categories["ethnic", "punjabi"] = punjabi
    ethnic.people(SCOPE, "ethnic", {"white": 60, "asian": 5, "indian": 10, "punjabi": 5})

    dimension, by_slug = rows(representation_report(SCOPE, use_cache=False), "ethnic")

    assert by_slug["asian"].participants == 20  # 5 + 10 Indian + 5 Punjabi (two levels up)
    assert dimension.declared == 80
    assert "indian" not in by_slug
