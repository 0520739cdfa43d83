"""Perceived impact: the standard question pair residents answer about a consultation.

"How would this affect people like you?" and "How would it affect other people in the
area?" are two single-choice questions with a fixed scale (strongly negative … strongly
positive, plus "don't know"). Staff add them to a consultation's survey with
`add_perceived_impact_questions` (a Wagtail admin action on the survey listing); they
are ordinary single-choice questions for residents, so answering them needs nothing new.
Each option carries its `impact_value` (-2…+2, empty for "don't know"), so the results
do not depend on the option texts, which staff may translate or reword.

`perceived_impact(consultation, dimension)` reads the answers per community group of
one dimension, counting only people with an active consent to their declarations, and
publishes every count through `engage.communities.suppression`. It is what the impact
assessment shows beside the expected impact (through the consultation's impact subject
provider, `consultations/impact_subjects.py`).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from engage.communities.models import Category, DeclarationConsent
from engage.communities.suppression import VISIBLE, PublishedCount, publish, suppress

from .models import (
    IMPACT_MAX,
    IMPACT_MIN,
    PerceivedImpactQuestion,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyOption,
    SurveyQuestion,
)

DONT_KNOW = "dont_know"
TOTAL = "total"

# The fixed scale, in the order residents see it: (impact value, label).
SCALE = (
    (-2, _("Strongly negative")),
    (-1, _("Negative")),
    (0, _("Neither positive nor negative")),
    (1, _("Positive")),
    (2, _("Strongly positive")),
    (None, _("Don't know")),
)
VALUES = tuple(range(IMPACT_MIN, IMPACT_MAX + 1))
QUESTIONS = (PerceivedImpactQuestion.SELF, PerceivedImpactQuestion.OTHERS)


@dataclass(frozen=True)
class QuestionResult:
    """One group's answers to one question of the pair, as published.

    `counts` maps each impact value (-2…2) and "dont_know" to a `PublishedCount`;
    `respondents` is everyone in the group who answered; `mean` is the mean impact value
    of those who chose a point on the scale (don't know excluded), rounded to 2 places,
    or None when it is withheld (see `_mean`) or nobody rated.
    """

    counts: dict
    respondents: PublishedCount
    mean: float | None

    @property
    def rated(self):
        """People who chose a point on the scale, when every such count is shown."""
        values = [self.counts[value].value for value in VALUES]
        return None if None in values else sum(values)


@dataclass(frozen=True)
class PerceivedCell:
    """The perceived impact of a consultation on one community group: `self_` (people
    like you) and `others` (other people in the area)."""

    category_id: int
    self_: QuestionResult
    others: QuestionResult

    def for_question(self, kind):
        return self.self_ if kind == PerceivedImpactQuestion.SELF else self.others


def perceived_impact(consultation, dimension):
    """`{category_id: PerceivedCell}` for every category of `dimension` (a Dimension or
    its id) on `consultation` (a ConsultationPage or its id): the answers to the
    perceived-impact pair of people who declared that group with active consent, counts
    suppressed below `SMALL_CELL_THRESHOLD`. Two queries."""
    consultation_id = getattr(consultation, "pk", consultation)
    dimension_id = getattr(dimension, "pk", dimension)
    category_ids = list(
        Category.objects.filter(dimension_id=dimension_id).values_list("pk", flat=True)
    )
    consented = DeclarationConsent.objects.active().filter(user_id=OuterRef("response__user_id"))
    rows = (
        SurveyAnswer.objects.filter(
            question__survey__consultation_id=consultation_id,
            question__perceived_impact__in=QUESTIONS,
            option__isnull=False,
            response__user__declarations__dimension_id=dimension_id,
            response__user__declarations__category__isnull=False,
        )
        .filter(Exists(consented))
        .values(
            "question__perceived_impact",
            "response__user__declarations__category_id",
            "option__impact_value",
        )
        .annotate(people=Count("response__user_id", distinct=True))
        .order_by()
    )
    raw = {
        (kind, pk): dict.fromkeys((*VALUES, DONT_KNOW), 0)
        for kind in QUESTIONS
        for pk in category_ids
    }
    for row in rows:
        key = (row["question__perceived_impact"], row["response__user__declarations__category_id"])
        if key in raw:
            value = row["option__impact_value"]
            raw[key][DONT_KNOW if value is None else value] += row["people"]
    return {
        pk: PerceivedCell(
            category_id=pk,
            self_=_published(raw[PerceivedImpactQuestion.SELF, pk]),
            others=_published(raw[PerceivedImpactQuestion.OTHERS, pk]),
        )
        for pk in category_ids
    }


def _published(counts):
    """Suppress one group's answers to one question: the six answer counts and their
    total form one sum."""
    table = {str(name): n for name, n in counts.items()}
    table[TOTAL] = sum(counts.values())
    parts = [str(name) for name in counts]
    states = suppress(table, relations=[(TOTAL, parts)])
    published = {name: publish(counts[name], states[str(name)]) for name in counts}
    return QuestionResult(
        counts=published,
        respondents=publish(table[TOTAL], states[TOTAL]),
        mean=_mean(counts, states),
    )


def _mean(counts, states):
    """The mean impact value of those who rated, or None.

    Withheld whenever a hidden count on the scale is not zero: the mean and the shown
    counts would otherwise let a reader solve for the hidden ones. So a mean is only
    published when every rating is in a shown count (and so at least the threshold of
    people rated)."""
    rated = sum(counts[value] for value in VALUES)
    if rated == 0:
        return None
    if any(states[str(value)] != VISIBLE and counts[value] > 0 for value in VALUES):
        return None
    return round(sum(value * counts[value] for value in VALUES) / rated, 2)


def has_perceived_impact_questions(consultation):
    """Whether any survey of `consultation` already holds the pair."""
    return SurveyQuestion.objects.filter(
        survey__consultation_id=getattr(consultation, "pk", consultation),
        perceived_impact__in=QUESTIONS,
    ).exists()


def _localised(field, message):
    """`{text_<lang>: message in lang}` for every interface language."""
    values = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[build_localized_fieldname(field, code)] = str(message)
    return values


@transaction.atomic
def add_perceived_impact_questions(survey):
    """Add the perceived-impact pair to the end of `survey`, with their fixed options in
    every interface language. Returns the questions added: none when a survey of the
    same consultation already has them (one pair per consultation, so that a person is
    counted once)."""
    # Lock the consultation's surveys so that two staff adding at once add one pair.
    list(
        Survey.objects.select_for_update()
        .filter(consultation_id=survey.consultation_id)
        .values_list("pk", flat=True)
    )
    if has_perceived_impact_questions(survey.consultation_id):
        return []
    last = SurveyQuestion.objects.filter(survey=survey).order_by("-sort_order").first()
    order = (last.sort_order + 1) if last else 0
    added = []
    for offset, kind in enumerate(QUESTIONS):
        question = SurveyQuestion.objects.create(
            survey=survey,
            kind=QuestionKind.SINGLE,
            perceived_impact=kind,
            required=False,
            sort_order=order + offset,
            **_localised("text", kind.label),
        )
        SurveyOption.objects.bulk_create(
            SurveyOption(
                question=question,
                impact_value=value,
                sort_order=index,
                **_localised("text", label),
            )
            for index, (value, label) in enumerate(SCALE)
        )
        added.append(question)
    return added


def perceived_means(consultation_ids, dimension_ids):
    """`{(consultation id as text, category_id): (mean, respondents)}` of the "people like
    you" question over many consultations and dimensions at once, for the city matrix
    (`engage.impact.matrix.sources`): the same consented answers and the same
    suppression as `perceived_impact` (a withheld mean is None, a suppressed number of
    respondents None). One query, whatever the number of consultations."""
    consented = DeclarationConsent.objects.active().filter(user_id=OuterRef("response__user_id"))
    rows = (
        SurveyAnswer.objects.filter(
            question__survey__consultation_id__in=list(consultation_ids),
            question__perceived_impact=PerceivedImpactQuestion.SELF,
            option__isnull=False,
            response__user__declarations__dimension_id__in=list(dimension_ids),
            response__user__declarations__category__isnull=False,
        )
        .filter(Exists(consented))
        .values(
            "question__survey__consultation_id",
            "response__user__declarations__category_id",
            "option__impact_value",
        )
        .annotate(people=Count("response__user_id", distinct=True))
        .order_by()
    )
    raw = defaultdict(lambda: dict.fromkeys((*VALUES, DONT_KNOW), 0))
    for row in rows:
        key = (
            str(row["question__survey__consultation_id"]),
            row["response__user__declarations__category_id"],
        )
        value = row["option__impact_value"]
        raw[key][DONT_KNOW if value is None else value] += row["people"]
    means = {}
    for key, counts in raw.items():
        result = _published(counts)
        means[key] = (result.mean, result.respondents.value)
    return means
