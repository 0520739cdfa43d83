"""Text signals by community group (`?dimension=<slug>`): only consented declarations
count, small groups are suppressed (with complementary suppression against the total),
a withdrawn consent drops the person at once, the author column is emptied on account
deletion, and the API's permissions are those of the plain report."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone

from engage.communities import services as community_services
from engage.insights import privacy
from engage.insights.aggregates import SignalScope
from engage.insights.conf import NEUTRAL_BAND
from engage.insights.models import TextAnalysis
from engage.insights.reports import signals_report
from tests import factories
from tests.insights.pipeline_support import (  # noqa: F401 - fixtures
    analysis_of,
    open_settings_fixture,
    riverside_fixture,
    writer_fixture,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/insights/signals/"
MONDAY = timezone.make_aware(datetime.datetime(2026, 3, 2, 12, 0))


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


_next_id = iter(range(900_000, 1_000_000))


def write(author, scores, *, flagged=False, consultation=7):
    """Analysed, visible texts by `author` (None: a deleted account) with these scores."""
    content_type = ContentType.objects.get(app_label="consultations", model="comment")
    TextAnalysis.objects.bulk_create(
        TextAnalysis(
            content_type=content_type,
            object_id=next(_next_id),
            kind="comment",
            consultation=consultation,
            author=author,
            content_created_at=MONDAY,
            content_visible=True,
            analysed_at=MONDAY,
            language="en",
            sentiment=score,
            abuse_flagged=flagged,
            abuse_categories=["threat"] if flagged else [],
            abuse_mask=4 if flagged else 0,
        )
        for score in scores
    )


def declaring(category):
    user = factories.UserFactory()
    factories.DeclarationConsentFactory(user=user)
    factories.DeclarationFactory(user=user, category=category)
    return user


@pytest.fixture
def age():
    return factories.dimension_with_groups(
        "Age band", {"young": "Under 25", "middle": "25 to 64", "old": "65 and over"}, slug="age"
    )


@pytest.fixture
def population(age, settings):
    """Young: 4 people, 7 texts. Old: 3 people, 3 texts. Middle: 1 person (small).
    Not declared: 2 people without consent, 1 whose consent was withdrawn (its
    declaration left behind on purpose), and a deleted account."""
    settings.SMALL_CELL_THRESHOLD = 3
    young, middle, old = (age.categories.get(slug=slug) for slug in ("young", "middle", "old"))
    people = {"young": [declaring(young) for _ in range(4)], "old": []}
    write(people["young"][0], [0.6, -0.4])
    write(people["young"][1], [0.2, -0.8], flagged=True)
    write(people["young"][2], [0.0, 0.5])
    write(people["young"][3], [0.3])
    for score in (-0.3, -0.6, 0.9):
        person = declaring(old)
        people["old"].append(person)
        write(person, [score])
    write(declaring(middle), [-1.0])
    write(factories.UserFactory(), [0.1])
    write(factories.UserFactory(), [0.3, 0.2])
    withdrawn = factories.UserFactory()
    factories.DeclarationConsentFactory(user=withdrawn, withdrawn_at=MONDAY)
    factories.DeclarationFactory(user=withdrawn, category=young)
    write(withdrawn, [-0.9])
    write(None, [0.4])
    return people


def groups(report):
    return {cell["group"]: cell for cell in report["dimension"]["groups"]}


def test_breakdown_matches_a_hand_count(population):
    report = signals_report(SignalScope.parse("consultation:7"), "week", dimension="age")
    cells = groups(report)
    assert list(cells) == ["young", "middle", "old", "prefer_not_to_say", "not_declared"]
    young = cells["young"]
    scores = [0.6, -0.4, 0.2, -0.8, 0.0, 0.5, 0.3]
    assert young["suppressed"] is False
    assert young["volume"] == 7
    assert young["mean_sentiment"] == pytest.approx(sum(scores) / 7, abs=1e-4)
    negative = sum(1 for score in scores if score < -NEUTRAL_BAND)
    assert young["share_negative"] == pytest.approx(negative / 7, abs=1e-4)
    assert young["abuse"]["flagged"] == 2
    assert young["abuse"]["by_category"]["threat"] == 2
    # The withdrawn consent's leftover declaration does not count as young.
    not_declared = cells["not_declared"]
    assert not_declared["suppressed"] is False
    assert not_declared["volume"] == 5  # 1 + 2 + the withdrawn person's 1 + deleted 1
    assert report["total"]["volume"] == 7 + 3 + 1 + 5


def test_small_groups_are_suppressed_with_a_complement(population):
    report = signals_report(SignalScope.parse("consultation:7"), "week", dimension="age")
    cells = groups(report)
    middle = cells["middle"]
    assert middle["suppressed"] is True
    assert middle["volume"] is None and middle["mean_sentiment"] is None
    assert middle["abuse"] is None
    # The total minus the visible groups must not give the middle group alone: another
    # group with texts is suppressed with it.
    hidden = [name for name, cell in cells.items() if cell["volume"] is None]
    assert all(cells[name]["suppressed"] for name in hidden)
    visible_volume = sum(cell["volume"] for cell in cells.values() if cell["volume"] is not None)
    assert report["total"]["volume"] - visible_volume > 1  # more than middle's one text
    assert len(hidden) >= 2
    assert cells["prefer_not_to_say"]["volume"] == 0  # nobody: shown as empty


def test_a_withdrawn_consent_leaves_the_breakdown_at_once(
    population, settings, django_capture_on_commit_callbacks
):
    settings.SMALL_CELL_THRESHOLD = 1
    scope = SignalScope.parse("consultation:7")
    assert groups(signals_report(scope, "week", dimension="age"))["young"]["volume"] == 7
    with django_capture_on_commit_callbacks(execute=True):
        community_services.withdraw_consent(population["young"][0])
    cells = groups(signals_report(scope, "week", dimension="age"))  # cached before
    assert cells["young"]["volume"] == 5
    assert cells["not_declared"]["volume"] == 5 + 2


def test_deleting_an_account_empties_the_author(population):
    person = population["old"][0]
    assert TextAnalysis.objects.filter(author=person).count() == 1
    privacy.erase(person, keep_content=True)
    assert not TextAnalysis.objects.filter(author=person).exists()
    assert TextAnalysis.objects.count() == 16  # the texts stay in the aggregates


def test_api_breakdown_with_unchanged_permissions(client, population):
    staff = factories.with_totp(factories.city_staff())
    client.force_login(staff)
    response = client.get(URL, {"scope": "city", "interval": "week", "dimension": "age"})
    assert response.status_code == 200
    body = response.json()
    assert groups(body)["young"]["volume"] == 7
    assert "author" not in str(body)
    assert client.get(URL, {"scope": "city", "dimension": "nope"}).status_code == 400
    client.force_login(factories.with_totp(factories.partner_member()))
    response = client.get(URL, {"scope": "city", "dimension": "age"})
    assert response.status_code == 403


def test_a_group_with_few_scores_does_not_leave_its_mean_to_subtraction(age, settings):
    settings.SMALL_CELL_THRESHOLD = 3
    young, old = age.categories.get(slug="young"), age.categories.get(slug="old")
    for score in (0.5, 0.1, -0.2, 0.7, 0.3):
        write(declaring(young), [score])
    for score in (-0.9, -0.7, None):  # three people, only two texts scored
        write(declaring(old), [score])
    report = signals_report(SignalScope.parse("city"), "week", dimension="age")
    cells = groups(report)
    assert report["total"]["mean_sentiment"] is None or report["total"]["scored"] == 7
    assert cells["old"]["volume"] == 3 and cells["old"]["mean_sentiment"] is None
    # Otherwise the total's mean minus young's would give old's two scores.
    assert cells["young"]["volume"] == 5 and cells["young"]["mean_sentiment"] is None
    assert cells["young"]["suppressed"] is True


def test_the_pipeline_records_the_author_and_the_api_never_shows_it(
    riverside, writer, client, settings, django_capture_on_commit_callbacks
):
    from consultations.services import post_comment

    settings.SMALL_CELL_THRESHOLD = 1
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(writer, riverside, "The new benches are lovely.", language="en")
    assert analysis_of(comment).author_id == writer.pk
    client.force_login(factories.with_totp(factories.city_staff()))
    body = client.get(URL, {"scope": f"consultation:{riverside.pk}"}).content.decode()
    assert "author" not in body and "Rania" not in body
