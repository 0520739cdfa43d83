"""Demo data of cohesion pulse surveys for `seed_demo` (idempotent, fictional,
deterministic): two waves of Northbridge (pulse.yaml), dated relative to today (the
second one open now), with fictional paper answers across the wards drawn with a
fixed random seed, and the group each form ticked drawn from the city baseline.

The wards come from the incidents app's loader (which runs first); any ward it has not
created is created here by code under the city area, so this loader stands alone.
A wave that already exists (by English title) is left as it is.
"""

import datetime
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from engage.communities.models import Area, BaselineShare, Dimension
from engage.demo import northbridge
from engage.demo.data import read
from engage.monitoring.pulse.indicators import INDICATORS
from engage.monitoring.pulse.models import (
    Answer,
    Channel,
    PaperImport,
    Response,
    ResponseDeclaration,
    Wave,
    WaveQuestion,
)

DATA_FILE = "pulse.yaml"
DONT_KNOW_SHARE = 0.04


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
    data = read(data_dir, DATA_FILE)
    wards = load_wards(data, context)
    dimension = Dimension.objects.filter(slug=data["group_dimension"].str()).first()
    for node in data["waves"].list():
        load_wave(node, wards, dimension, context)


def _city():
    city = read(Path(northbridge.__file__).resolve().parent, northbridge.DATA_FILE)
    area = city["area"]
    return Area.objects.get_or_create(
        code=area["code"].str(), defaults={"name": area["name"].str()}
    )[0]


def load_wards(data, context):
    """{code: Area} of the wards, created under the city when missing."""
    city = _city()
    wards = {}
    for node in data["wards"].list():
        area, created = Area.objects.get_or_create(
            code=node["code"].str(), defaults={"name": node["name"].str(), "parent": city}
        )
        context.note(created, "ward", area.code)
        wards[area.code] = area
    return wards


def _groups(dimension):
    """[(category, weight)] of the city's baseline in `dimension`."""
    if dimension is None:
        return []
    return [
        (share.category, float(share.share))
        for share in BaselineShare.objects.filter(
            area__parent__isnull=True, category__dimension=dimension
        ).select_related("category")
    ]


def load_wave(node, wards, dimension, context):
    titles = node["title"].translated("title")
    if Wave.objects.filter(title_en=titles["title"]).exists():
        return
    today = timezone.localdate()
    with transaction.atomic():
        wave = Wave.objects.create(
            **titles,
            **node["introduction"].translated("introduction"),
            starts_on=today + datetime.timedelta(days=node["first_day"].int()),
            ends_on=today + datetime.timedelta(days=node["last_day"].int()),
            languages=node.get("languages", []).strings(),
            indicators=list(INDICATORS),
        )
        for order, question in enumerate(node.get("questions", []).list()):
            WaveQuestion.objects.create(
                wave=wave,
                sort_order=order,
                code=question["code"].str(),
                scale=question["scale"].choice({"agreement": "agreement", "safety": "safety"}),
                **question["text"].translated("text"),
            )
        _answers(wave, node, wards, dimension)
    context.note(True, "pulse wave", wave.title)


def _answers(wave, node, wards, dimension):
    """Fictional paper answers, the same every time for the same seed."""
    rng = random.Random(node["seed"].int())  # noqa: S311  (fictional, reproducible)
    agree = {key: value.number() for key, value in node["agree"].items()}
    shift = {key: value.number() for key, value in node["ward_shift"].items()}
    groups = _groups(dimension)
    extra = {f"q-{question.code}": question for question in wave.questions.all()}
    batch = PaperImport.objects.create(wave=wave, file_name="demo")
    plan = []
    for code, count in node["answers"].items():
        for _index in range(count.int()):
            plan.append(code)
    responses = Response.objects.bulk_create(
        Response(wave=wave, channel=Channel.PAPER, paper_import=batch, area=wards[code])
        for code in plan
    )
    answers, ticks = [], []
    for response, code in zip(responses, plan, strict=True):
        for key, share in agree.items():
            scale = extra[key].scale if key in extra else INDICATORS[key].scale.code
            yes, no = (
                ("very_safe", "fairly_unsafe")
                if scale == "safety"
                else (
                    "tend_to_agree",
                    "tend_to_disagree",
                )
            )
            draw = rng.random()
            if draw < DONT_KNOW_SHARE:
                value = "dont_know"
            else:
                value = yes if rng.random() < share + shift.get(code, 0.0) else no
            if key in extra:
                answers.append(Answer(response=response, question=extra[key], value=value))
            else:
                answers.append(Answer(response=response, indicator=key, value=value))
        if groups and rng.random() < 0.8:
            category = rng.choices([c for c, _w in groups], [w for _c, w in groups])[0]
            ticks.append(
                ResponseDeclaration(response=response, dimension=dimension, category=category)
            )
    Answer.objects.bulk_create(answers, batch_size=5000)
    ResponseDeclaration.objects.bulk_create(ticks, batch_size=5000)
    batch.responses = len(responses)
    batch.save(update_fields=["responses"])
