"""The results of one wave, as published: per question, the share answering positively
with a 95% Wilson interval, per area and (optionally) per community group, and the
change from the previous wave that asked it with a two-proportion z-test.

Privacy: a share is shown only when the number of people behind it (its base) is shown,
and bases go through `engage.communities.suppression` as one table per question and
breakdown (the cells, the "no area" or "not declared" rest, and the total), so no
small base can be worked out from the others. Nothing per person ever leaves here.
"""

from django.utils.translation import gettext_lazy as _

from engage.communities import suppression
from engage.communities.models import Area, Category

from ..indicators import INDICATORS
from ..models import Wave
from .statistics import two_proportion_z_test, wilson_interval
from .tallies import Tally, question_scales, tally, tally_by_group


def _rounded(value, places=4):
    return None if value is None else round(value, places)


def previous_wave(wave, key, earlier=None):
    """The latest wave that ended before `wave` began and asked `key` (a standard
    indicator code; extra questions have no previous wave), or None. `earlier`: those
    waves, newest first, when the caller has them already."""
    if key not in INDICATORS:
        return None
    if earlier is None:
        earlier = Wave.objects.filter(ends_on__lt=wave.starts_on).order_by("-ends_on", "-pk")
    for candidate in earlier:
        if key in candidate.indicators:
            return candidate
    return None


def _change(previous, current):
    if previous is None or current is None:
        return None
    test = two_proportion_z_test(previous.positive, previous.base, current.positive, current.base)
    if test is None:
        return None
    return {
        "difference": _rounded(test.difference),
        "z": _rounded(test.z, 3),
        "p_value": _rounded(test.p_value),
        "significant": test.significant,
    }


def _cell(tally_, published, previous=None, previous_published=None):
    """A published cell: respondents (suppressed label), share, interval, change.

    The change is shown only when both this cell and the same cell of the previous wave
    (`previous_published`, its suppression state) are shown: a change from a suppressed
    base would give away the earlier share of a handful of people."""
    shown = not published.suppressed
    interval = wilson_interval(tally_.positive, tally_.base) if shown and tally_.base else None
    comparable = (
        shown
        and previous is not None
        and previous_published is not None
        and not previous_published.suppressed
    )
    return {
        "respondents": {"count": published.value, "label": published.label},
        "share": _rounded(tally_.share) if shown else None,
        "interval": [_rounded(interval[0]), _rounded(interval[1])] if interval else None,
        "change": _change(previous, tally_) if comparable else None,
    }


def _published_total(total, limit):
    state = suppression.SMALL if total.base < limit else suppression.VISIBLE
    return suppression.publish(total.base, state, limit)


def _breakdown(total, cells, rest_name, limit):
    """Suppression states of a breakdown: {name: PublishedCount} for the cells, the
    rest (answers in no cell) and the total."""
    counts = {name: tally_.base for name, tally_ in cells.items()}
    counts[rest_name] = max(0, total.base - sum(counts.values()))
    counts["total"] = total.base
    states = suppression.suppress(
        counts, [("total", [*cells, rest_name])], limit, protected={"total"}
    )
    return {name: suppression.publish(counts[name], states[name], limit) for name in counts}


def wave_results(wave, *, dimension=None, threshold=None):
    """The publishable results of `wave` (a JSON-ready dict). `dimension`: a
    `Dimension` to break each question down by community group."""
    limit = suppression.threshold() if threshold is None else threshold
    scales = question_scales(wave)
    overall = tally(wave, scales=scales)
    by_area = tally(wave, by_area=True, scales=scales)
    area_ids = sorted({area for (_key, area) in by_area if area is not None})
    areas = {area.pk: area for area in Area.objects.filter(pk__in=area_ids)}
    groups = tally_by_group(wave, dimension, scales=scales) if dimension is not None else {}
    categories = list(Category.objects.filter(dimension=dimension)) if dimension is not None else []
    labels = {code: (indicator.name, indicator.question) for code, indicator in INDICATORS.items()}
    for question in wave.questions.all():
        labels[f"q-{question.code}"] = (question.text, question.text)
    out = {"wave": wave.pk, "threshold": limit, "questions": []}
    earlier = list(Wave.objects.filter(ends_on__lt=wave.starts_on).order_by("-ends_on", "-pk"))
    before_tallies = {}  # wave id -> (overall, by area): one pair of queries per wave
    for key in scales:
        total = overall.get((key, None), Tally())
        before = previous_wave(wave, key, earlier)
        previous = previous_by_area = previous_shown = None
        if before is not None:
            if before.pk not in before_tallies:
                before_tallies[before.pk] = (tally(before), tally(before, by_area=True))
            totals, previous_by_area = before_tallies[before.pk]
            previous = totals.get((key, None), Tally())
            # The previous wave's areas as that wave published them (same suppression).
            previous_cells = {
                f"area:{pk}": cell
                for (question, pk), cell in previous_by_area.items()
                if question == key and pk is not None
            }
            previous_shown = _breakdown(previous, previous_cells, "no_area", limit)
        entry = {
            "key": key,
            "name": str(labels[key][0]),
            "question": str(labels[key][1]),
            "overall": _cell(
                total,
                _published_total(total, limit),
                previous,
                _published_total(previous, limit) if previous is not None else None,
            ),
            "previous_wave": {"id": before.pk, "title": before.title} if before else None,
            "areas": [],
            "groups": [],
        }
        area_cells = {f"area:{pk}": by_area.get((key, pk), Tally()) for pk in areas}
        shown = _breakdown(total, area_cells, "no_area", limit)
        for pk, area in areas.items():
            before_area = previous_by_area.get((key, pk)) if previous_by_area else None
            before_shown = previous_shown.get(f"area:{pk}") if previous_shown else None
            entry["areas"].append(
                {
                    "code": area.code,
                    "name": area.name,
                    **_cell(
                        area_cells[f"area:{pk}"], shown[f"area:{pk}"], before_area, before_shown
                    ),
                }
            )
        if dimension is not None:
            group_cells = {
                f"category:{category.pk}": groups.get((key, category.pk), Tally())
                for category in categories
            }
            shown = _breakdown(total, group_cells, "not_declared", limit)
            for category in categories:
                entry["groups"].append(
                    {
                        "category": category.slug,
                        "name": category.name,
                        **_cell(
                            group_cells[f"category:{category.pk}"], shown[f"category:{category.pk}"]
                        ),
                    }
                )
            entry["not_declared"] = {
                "count": shown["not_declared"].value,
                "label": shown["not_declared"].label,
            }
        out["questions"].append(entry)
    return out


def describe_change(change):
    """A sentence for a change test (for pages and exports)."""
    if change is None:
        return ""
    points = round(change["difference"] * 100, 1)
    if change["significant"]:
        return str(
            _("%(points)s points since the previous wave: more than noise (p = %(p)s).")
            % {"points": f"{points:+}", "p": change["p_value"]}
        )
    return str(
        _("%(points)s points since the previous wave: within noise (p = %(p)s).")
        % {"points": f"{points:+}", "p": change["p_value"]}
    )
