"""Counting answers in SQL: for each question of a wave, how many answered positively,
how many substantively (the base) and how many "don't know", overall or grouped by
area, by community group (consented declarations) or by both. One GROUP BY query per
call, whatever the number of answers."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F

from ..indicators import DONT_KNOW, INDICATORS, SCALES
from ..models import Answer, Response


@dataclass
class Tally:
    """Answers to one question in one cell."""

    positive: int = 0
    base: int = 0  # substantive answers (all but "don't know")
    dont_know: int = 0

    @property
    def share(self):
        return self.positive / self.base if self.base else None


def question_scales(wave):
    """{question key: Scale} of a wave (standard codes and "q-<code>" extras)."""
    scales = {code: INDICATORS[code].scale for code in wave.indicators if code in INDICATORS}
    for question in wave.questions.all():
        scales[f"q-{question.code}"] = SCALES[question.scale]
    return scales


def _key(row):
    return row["indicator"] or f"q-{row['question__code']}"


def _add(tallies, key, scale, value, number):
    tally = tallies[key]
    if value == DONT_KNOW:
        tally.dont_know += number
    elif value in scale.values:
        tally.base += number
        if value in scale.positive:
            tally.positive += number


def tally(wave, *, by_area=False, scales=None):
    """{(question key, area id or None): Tally} of one wave (area None when not
    grouped, or for answers with no area)."""
    scales = scales or question_scales(wave)
    fields = ["indicator", "question__code", "value"] + (["response__area_id"] if by_area else [])
    rows = (
        Answer.objects.filter(response__wave=wave)
        .values(*fields)
        .annotate(n=Count("id"))
        .order_by()
    )
    tallies = defaultdict(Tally)
    for row in rows:
        key = _key(row)
        if key in scales:
            area = row.get("response__area_id") if by_area else None
            _add(tallies, (key, area), scales[key], row["value"], row["n"])
    return tallies


def _declared_rows(wave, dimension, fields, *, known_area=False):
    """Answer counts joined with the category each respondent declared in `dimension`:
    signed-in people's current consented declarations, and paper forms' ticks.
    Yields row dicts with "group" (category id, None for prefer not to say)."""
    online = Answer.objects.filter(
        response__wave=wave, response__user__declarations__dimension=dimension
    )
    paper = Answer.objects.filter(response__wave=wave, response__declarations__dimension=dimension)
    if known_area:
        online = online.filter(response__area__isnull=False)
        paper = paper.filter(response__area__isnull=False)
    yield from (
        online.values(*fields, group=F("response__user__declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    yield from (
        paper.values(*fields, group=F("response__declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )


def tally_by_group(wave, dimension, *, by_area=False, scales=None):
    """{(question key, category id or None[, area id]): Tally} for one dimension. People
    who said "prefer not to say" are under None; people who declared nothing are not
    counted here (the overall tally minus these)."""
    scales = scales or question_scales(wave)
    fields = ["indicator", "question__code", "value"] + (["response__area_id"] if by_area else [])
    tallies = defaultdict(Tally)
    for row in _declared_rows(wave, dimension, fields, known_area=by_area):
        key = _key(row)
        if key not in scales:
            continue
        cell = (key, row["group"], row["response__area_id"]) if by_area else (key, row["group"])
        _add(tallies, cell, scales[key], row["value"], row["n"])
    return tallies


def respondents_by_group(wave, dimension):
    """{category id or None: respondents} of one wave in one dimension, and the number
    of respondents in all: (counts, total). Used for representation."""
    total = Response.objects.filter(wave=wave).count()
    counts = defaultdict(int)
    online = (
        Response.objects.filter(wave=wave, user__declarations__dimension=dimension)
        .values(group=F("user__declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    paper = (
        Response.objects.filter(wave=wave, declarations__dimension=dimension)
        .values(group=F("declarations__category_id"))
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in [*online, *paper]:
        counts[row["group"]] += row["n"]
    return counts, total
