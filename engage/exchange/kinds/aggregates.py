"""The "aggregates" kind: anonymised, suppressed aggregates a city shares so that others
can compare: representation (who took part against the population baseline), text
signals (volume, sentiment, abuse flags per week) and opinion-map summaries (opinion
groups' sizes and the text of the statements that set them apart).

Everything comes from the published form that the city's own pages show: small cells
read "fewer than N" (`SMALL_CELL_THRESHOLD`), with secondary suppression; an opinion
group below the threshold has no size and no statements; never a vote or a person.
Only city-wide and area scopes are exported (their keys are stable names, not ids).

Accepting one keeps it, with its origin, for comparison: it never collides with
anything local (another city's figures are never mixed into this city's).
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engage.communities.representation import representation_report
from engage.communities.scopes import AREA, CITY, Scope
from engage.communities.suppression import publish, suppress, threshold
from engage.insights.aggregates import SignalScope
from engage.insights.reports import compute_report
from engage.opinions.live.summary import map_summary
from engage.opinions.models import OpinionMap

from ..registry import ExchangeKind

REPRESENTATION, SIGNALS, OPINION_MAP = "representation", "signals", "opinion_map"
LABELS = {
    REPRESENTATION: pgettext_lazy("exchange aggregate", "Representation"),
    SIGNALS: pgettext_lazy("exchange aggregate", "Text signals"),
    OPINION_MAP: pgettext_lazy("exchange aggregate", "Opinion map summary"),
}
COUNT = {
    "type": "object",
    "required": ["count", "label"],
    "properties": {"count": {"type": ["integer", "null"]}, "label": {"type": "string"}},
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "An anonymised aggregate",
    "type": "object",
    "required": ["key", "aggregate", "scope", "title", "threshold", "data"],
    "properties": {
        "key": {"type": "string", "minLength": 1, "maxLength": 200},
        "aggregate": {"enum": [REPRESENTATION, SIGNALS, OPINION_MAP]},
        "scope": {"type": "string", "maxLength": 100},
        "title": {"type": "string", "maxLength": 300},
        "threshold": {"type": "integer", "minimum": 1},
        "generated_at": {"type": ["string", "null"]},
        "data": {"type": "object"},
    },
}
CSV_COLUMNS = ("key", "aggregate", "scope", "section", "group", "measure", "value", "label")


def _scopes(options):
    """The city, and the area scopes asked for (other scopes are named by database ids,
    which mean nothing to another city)."""
    scopes = [Scope(CITY)]
    for text in options.scopes:
        scope = Scope.parse(text)
        if scope.kind == AREA and scope not in scopes:
            scopes.append(scope)
    return scopes


def _moment(text):
    day = parse_date(text) if text else None
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def representation_items(options):
    for scope in _scopes(options):
        try:
            report = representation_report(scope, use_cache=False)
        except ValidationError:
            continue  # no baseline for this scope: nothing to compare with
        data = report.publishable()
        yield {
            "key": f"{REPRESENTATION}:{scope}",
            "aggregate": REPRESENTATION,
            "scope": str(scope),
            "title": str(_("Representation, %(area)s") % {"area": data["baseline"]["area_name"]}),
            "threshold": data["threshold"],
            "generated_at": data["generated_at"],
            "data": data,
        }


def signals_items(options):
    since, until = _moment(options.since), _moment(options.until)
    for scope in _scopes(options):
        report = compute_report(SignalScope(scope.kind, scope.key), "week", since, until)
        if not report["periods"]:
            continue
        yield {
            "key": f"{SIGNALS}:{scope}:week",
            "aggregate": SIGNALS,
            "scope": str(scope),
            "title": str(_("Text signals per week, %(scope)s") % {"scope": scope}),
            "threshold": report["threshold"],
            "generated_at": report["generated_at"],
            "data": report,
        }


def _texts(lines):
    return [{"text": line.text, "language": line.language} for line in lines]


def opinion_summary(opinion_map):
    """The exchange form of a map's newest snapshot: group sizes suppressed (a group
    below the threshold has no size and no statements), texts of representative and
    consensus statements (published ones only), no votes, no people."""
    summary = map_summary(opinion_map)
    if summary.snapshot is None:
        return None
    limit = threshold()
    counts = {"participants": summary.participants, "in_conversation": summary.in_conversation}
    names = [f"group:{group.letter}" for group in summary.groups]
    counts.update({name: group.size for name, group in zip(names, summary.groups, strict=True)})
    states = suppress(counts, [("in_conversation", names)], limit)
    shown = {name: publish(counts[name], states[name], limit) for name in counts}
    groups = []
    for name, group in zip(names, summary.groups, strict=True):
        small = group.size < limit
        groups.append(
            {
                "group": group.letter,
                "size": {"count": shown[name].value, "label": shown[name].label},
                "agrees": [] if small else _texts(group.agrees),
                "disagrees": [] if small else _texts(group.disagrees),
            }
        )
    return {
        "question": opinion_map.question,
        "computed_at": summary.snapshot.computed_at.isoformat(),
        "participants": {
            "count": shown["participants"].value,
            "label": shown["participants"].label,
        },
        "in_conversation": {
            "count": shown["in_conversation"].value,
            "label": shown["in_conversation"].label,
        },
        "groups": groups,
        "consensus": {
            "agree": _texts(summary.consensus_agree),
            "disagree": _texts(summary.consensus_disagree),
        },
    }


def opinion_items(options):
    for opinion_map in OpinionMap.objects.public().order_by("created", "pk"):
        data = opinion_summary(opinion_map)
        if data is None:
            continue
        name = slugify(opinion_map.title or opinion_map.question)[:60] or "map"
        yield {
            "key": f"{OPINION_MAP}:{name}-{opinion_map.created:%Y-%m-%d}",
            "aggregate": OPINION_MAP,
            "scope": "",
            "title": str(opinion_map),
            "threshold": threshold(),
            "generated_at": data["computed_at"],
            "data": data,
        }


def export(options):
    yield from representation_items(options)
    yield from signals_items(options)
    yield from opinion_items(options)


def describe(item):
    return f"{LABELS.get(item['aggregate'], item['aggregate'])}: {item['title']}"


def find_local(item):
    return None


def apply(item, provenance):
    return _("%(what)s from %(city)s, kept for comparison") % {
        "what": describe(item),
        "city": provenance.city,
    }


def _label(value):
    return value.get("label") if isinstance(value, dict) else value


def csv_rows(item):
    """Long format: one row per figure (section, group, measure, value, label)."""
    base = {"key": item["key"], "aggregate": item["aggregate"], "scope": item["scope"]}
    data = item["data"]
    if item["aggregate"] == REPRESENTATION:
        for dimension in data.get("dimensions", []):
            for row in dimension["rows"]:
                for measure in ("participants", "share", "baseline_share", "ratio", "flag"):
                    value = row.get(measure)
                    yield {
                        **base,
                        "section": dimension["dimension"],
                        "group": row["category"],
                        "measure": measure,
                        "value": value.get("count") if isinstance(value, dict) else value,
                        "label": _label(value),
                    }
    elif item["aggregate"] == SIGNALS:
        for period in data.get("periods", []):
            for measure in ("volume", "scored", "mean_sentiment", "share_negative", "polarisation"):
                yield {
                    **base,
                    "section": period["start"],
                    "measure": measure,
                    "value": period.get(measure),
                }
    else:
        for group in data.get("groups", []):
            yield {
                **base,
                "section": "groups",
                "group": group["group"],
                "measure": "size",
                "value": group["size"]["count"],
                "label": group["size"]["label"],
            }
            for side in ("agrees", "disagrees"):
                for line in group[side]:
                    yield {**base, "section": side, "group": group["group"], "label": line["text"]}


AGGREGATES = ExchangeKind(
    code="aggregates",
    label=_("Anonymised aggregates"),
    schema=SCHEMA,
    export=export,
    describe=describe,
    find_local=find_local,
    apply=apply,
    csv_columns=CSV_COLUMNS,
    csv_rows=csv_rows,
    # On the site these need a grant and two-factor: never to anyone who asks the feed.
    public_feed=False,
)
