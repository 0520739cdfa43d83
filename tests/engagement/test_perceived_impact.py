"""Perceived impact: staff add the standard question pair to a consultation's survey;
the answers are read per consented community group with small cells suppressed."""

import pytest
from django.utils import timezone

from consultations.engagement.models import (
    PerceivedImpactQuestion,
    QuestionKind,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)
from consultations.engagement.perceived_impact import (
    DONT_KNOW,
    add_perceived_impact_questions,
    perceived_impact,
    perceived_means,
)
from tests.factories import (
    CategoryFactory,
    DeclarationConsentFactory,
    DeclarationFactory,
    DimensionFactory,
    UserFactory,
    city_staff,
    with_totp,
)
from tests.factories.engagement import SurveyFactory

pytestmark = pytest.mark.django_db

SELF, OTHERS = PerceivedImpactQuestion.SELF, PerceivedImpactQuestion.OTHERS


@pytest.fixture
def survey(open_consultation):
    return SurveyFactory(consultation=open_consultation, title="Park survey")


@pytest.fixture
def pair(survey):
    questions = add_perceived_impact_questions(survey)
    return {question.perceived_impact: question for question in questions}


@pytest.fixture
def groups():
    dimension = DimensionFactory(name="Age band")
    return dimension, {
        name: CategoryFactory(dimension=dimension, name=name) for name in ("Young", "Middle", "Old")
    }


def option(question, value):
    return SurveyOption.objects.get(question=question, impact_value=value)


def answer(survey, question, value, category=None, consent=True, dimension=None):
    """A person (declared in `category` when given) who chose `value` (None: don't know)."""
    user = UserFactory()
    if consent:
        DeclarationConsentFactory(user=user)
    if category is not None:
        DeclarationFactory(user=user, category=category)
    elif dimension is not None:
        DeclarationFactory(user=user, category=None, dimension=dimension)
    response = SurveyResponse.objects.create(survey=survey, user=user)
    SurveyAnswer.objects.create(
        response=response, question=question, option=option(question, value)
    )
    return user


def counts(result):
    return {value: count.value for value, count in result.counts.items()}


def test_the_pair_is_added_with_the_fixed_scale_in_every_language(survey, pair):
    assert set(pair) == {SELF, OTHERS}
    self_question = pair[SELF]
    assert self_question.kind == QuestionKind.SINGLE
    assert self_question.text_en == "How would this affect people like you?"
    assert self_question.text_ar  # filled in every interface language
    values = list(
        self_question.options.order_by("sort_order").values_list("impact_value", flat=True)
    )
    assert values == [-2, -1, 0, 1, 2, None]
    texts = list(self_question.options.order_by("sort_order").values_list("text_en", flat=True))
    assert texts[0] == "Strongly negative" and texts[-1] == "Don't know"


def test_the_pair_is_added_once_per_consultation(survey, pair, open_consultation):
    other_survey = SurveyFactory(consultation=open_consultation, title="Second survey")
    assert add_perceived_impact_questions(survey) == []
    assert add_perceived_impact_questions(other_survey) == []
    assert SurveyQuestion.objects.filter(perceived_impact=SELF).count() == 1


def test_results_are_counted_per_consented_group_with_small_cells_suppressed(
    settings, survey, pair, groups, open_consultation
):
    settings.SMALL_CELL_THRESHOLD = 3
    dimension, group = groups
    question = pair[SELF]
    for value, people in ((2, 4), (1, 3), (None, 3)):
        for _ in range(people):
            answer(survey, question, value, group["Young"])
    answer(survey, question, -1, group["Middle"])
    for _ in range(5):
        answer(survey, question, -1, group["Old"])
    # Not counted: no consent, "prefer not to say", another question.
    answer(survey, question, -2, group["Young"], consent=False)
    answer(survey, question, -2, dimension=dimension)
    ordinary = SurveyQuestion.objects.create(survey=survey, kind=QuestionKind.SINGLE, text="Often?")
    SurveyOption.objects.create(question=ordinary, text="Daily", impact_value=None)

    result = perceived_impact(open_consultation, dimension)

    assert set(result) == {category.pk for category in group.values()}
    young = result[group["Young"].pk].self_
    assert counts(young) == {-2: None, -1: None, 0: None, 1: 3, 2: 4, DONT_KNOW: 3}
    assert young.counts[-2].label == "fewer than 3"
    assert young.respondents.value == 10
    assert young.mean == round((4 * 2 + 3 * 1) / 7, 2)
    # One person: hidden, and so is the mean that would reveal them.
    middle = result[group["Middle"].pk].self_
    assert middle.respondents.value is None and middle.mean is None
    assert all(count.value is None for count in middle.counts.values())
    old = result[group["Old"].pk].self_
    assert old.counts[-1].value == 5 and old.mean == -1.0
    # Nobody answered the other question.
    assert result[group["Young"].pk].others.respondents.value is None
    assert result[group["Young"].pk].others.mean is None


def test_a_mean_that_would_reveal_a_small_cell_is_withheld(
    settings, survey, pair, groups, open_consultation
):
    settings.SMALL_CELL_THRESHOLD = 3
    dimension, group = groups
    for value, people in ((-1, 5), (-2, 1)):
        for _ in range(people):
            answer(survey, pair[OTHERS], value, group["Old"])

    old = perceived_impact(open_consultation, dimension)[group["Old"].pk].others

    assert old.counts[-1].value == 5
    assert old.counts[-2].value is None
    assert old.respondents.value == 6
    assert old.mean is None


def test_withdrawn_consent_removes_a_person_from_the_results(
    settings, survey, pair, groups, open_consultation
):
    settings.SMALL_CELL_THRESHOLD = 1
    dimension, group = groups
    user = answer(survey, pair[SELF], 2, group["Young"])
    assert (
        perceived_impact(open_consultation, dimension)[group["Young"].pk].self_.counts[2].value == 1
    )
    user.declaration_consents.update(withdrawn_at=timezone.now())
    assert (
        perceived_impact(open_consultation, dimension)[group["Young"].pk].self_.counts[2].value
        is None
    )


@pytest.fixture
def staff_client(client, settings):
    settings.ENGAGE_MFA_EXEMPT_EMAILS = []
    client.force_login(with_totp(city_staff()))
    return client


def action_url(survey):
    return f"/admin/engagement/surveys/{survey.pk}/perceived-impact/"


def test_staff_add_the_pair_from_the_survey_admin(staff_client, survey):
    listing = staff_client.get("/admin/snippets/engagement/survey/")
    assert action_url(survey) in listing.content.decode()
    page = staff_client.get(action_url(survey))
    assert page.status_code == 200
    assert "How would it affect other people in the area?" in page.content.decode()
    response = staff_client.post(action_url(survey))
    assert response.status_code == 302
    assert set(survey.questions.values_list("perceived_impact", flat=True)) == {SELF, OTHERS}
    again = staff_client.post(action_url(survey), follow=True)
    assert "already asks the perceived-impact questions" in again.content.decode()
    assert survey.questions.count() == 2


def test_residents_cannot_add_the_pair(client, survey):
    client.force_login(UserFactory())
    response = client.post(action_url(survey))
    assert response.status_code in (302, 403)
    assert not survey.questions.exists()


def test_the_city_matrix_batch_gives_the_same_means_as_one_consultation_at_a_time(
    settings, survey, pair, groups, open_consultation, django_assert_num_queries
):
    """`perceived_means` (the city matrix, many consultations in one query) agrees with
    `perceived_impact` on the "people like you" question, suppression included."""
    settings.SMALL_CELL_THRESHOLD = 3
    dimension, group = groups
    question = pair[SELF]
    for value, category, people in ((2, "Young", 4), (1, "Young", 3), (-1, "Old", 5)):
        for _ in range(people):
            answer(survey, question, value, group[category])
    answer(survey, question, -2, group["Middle"])  # one person: suppressed
    answer(survey, question, -2, group["Young"], consent=False)

    with django_assert_num_queries(1):
        means = perceived_means([open_consultation.pk], [dimension.pk])

    single = perceived_impact(open_consultation, dimension)
    for category in group.values():
        key = (str(open_consultation.pk), category.pk)
        expected = single[category.pk].self_
        assert means[key] == (expected.mean, expected.respondents.value), category.name
    assert means[str(open_consultation.pk), group["Middle"].pk] == (None, None)
