"""Waves, wards and answers for the pulse tests."""

import datetime

import pytest
from django.utils import timezone

from engage.communities.models import Area
from engage.monitoring.pulse.models import (
    Answer,
    Channel,
    Response,
    ResponseDeclaration,
    Wave,
    WaveQuestion,
)

ALL = ["get_on_well", "belonging", "trust", "feel_safe", "influence", "fair_treatment"]


@pytest.fixture
def city(db):
    return Area.objects.create(code="TC0001", name="Testcity")


@pytest.fixture
def wards(city):
    return [Area.objects.create(code=f"TC-W0{n}", name=f"Ward {n}", parent=city) for n in (1, 2, 3)]


def make_wave(*, days=(-3, 3), indicators=ALL, areas=(), title="Spring pulse", **kwargs):
    today = timezone.localdate()
    wave = Wave.objects.create(
        title=title,
        starts_on=today + datetime.timedelta(days=days[0]),
        ends_on=today + datetime.timedelta(days=days[1]),
        indicators=list(indicators),
        **kwargs,
    )
    if areas:
        wave.areas.set(areas)  # a ParentalManyToManyField: written by save()
        wave.save()
    return wave


@pytest.fixture
def wave(wards):
    wave = make_wave()
    WaveQuestion.objects.create(
        wave=wave, code="parks", text="The parks are well kept.", scale="agreement"
    )
    return wave


def answer(wave, values, *, area=None, user=None, declarations=()):
    """A paper-like response with `values` ({question key: value}) written directly."""
    response = Response.objects.create(
        wave=wave, user=user, area=area, channel=Channel.SIGNED_IN if user else Channel.PAPER
    )
    extra = {f"q-{q.code}": q for q in wave.questions.all()}
    Answer.objects.bulk_create(
        Answer(response=response, question=extra[key], value=value)
        if key in extra
        else Answer(response=response, indicator=key, value=value)
        for key, value in values.items()
    )
    ResponseDeclaration.objects.bulk_create(
        ResponseDeclaration(response=response, dimension=category.dimension, category=category)
        for category in declarations
    )
    return response


def answers(wave, key, agree, disagree, *, dont_know=0, area=None, declarations=()):
    """Many paper responses to one question (standard indicators only): `agree`
    positive, `disagree` negative answers; written in three bulk inserts."""
    scale_yes, scale_no = (
        ("very_safe", "very_unsafe")
        if key == "feel_safe"
        else ("tend_to_agree", "definitely_disagree")
    )
    values = [scale_yes] * agree + [scale_no] * disagree + ["dont_know"] * dont_know
    responses = Response.objects.bulk_create(
        Response(wave=wave, area=area, channel=Channel.PAPER) for _value in values
    )
    Answer.objects.bulk_create(
        Answer(response=response, indicator=key, value=value)
        for response, value in zip(responses, values, strict=True)
    )
    ResponseDeclaration.objects.bulk_create(
        ResponseDeclaration(response=response, dimension=category.dimension, category=category)
        for response in responses
        for category in declarations
    )
