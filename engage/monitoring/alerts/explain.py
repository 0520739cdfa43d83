"""Alerts in words: the rule's explanation filled with the evidence, in a language, and
what an alert links to (the consultations and policy areas concerned)."""

import string

from django.conf import settings
from django.utils import formats, translation

from engage.communities.models import Area
from engage.communities.scopes import Scope, scope_kind
from engage.monitoring import series as registry
from engage.policy.models import PolicyArea

from . import rules as maths

MISSING = "–"


class _Filled(dict):
    def __missing__(self, key):
        return MISSING


def _number(value, unit):
    if value is None:
        return MISSING
    if unit == registry.SHARE:
        return f"{formats.number_format(round(value * 100, 1), 1)}%"
    if unit in (registry.COUNT, registry.LEVEL) and float(value).is_integer():
        return formats.number_format(int(value))
    return formats.number_format(round(value, 2), 2)


def _unit(alert):
    if alert.rule.kind == maths.POLARISATION:
        return registry.SCORE
    try:
        return registry.get(alert.series).unit
    except KeyError:
        return registry.SCORE


def series_label(key):
    try:
        return str(registry.get(key).label)
    except KeyError:
        return key


def area_name(code):
    area = Area.objects.filter(code=code).only("name").first()
    return area.name if area else code


def scope_label(alert):
    """The area's name, or the consultation's title, or the scope as written."""
    scope = Scope.parse(alert.scope)
    if scope.kind == "area":
        return area_name(scope.key)
    registered = scope_kind(scope.kind)
    obj = registered.get(scope.key) if registered else None
    return str(registered.title(obj)) if obj is not None else alert.scope


def placeholders(alert):
    """The values of the explanation's placeholders for `alert` (current language)."""
    evidence = alert.evidence or {}
    figures = evidence.get("figures", {})
    unit = _unit(alert)
    compared = evidence.get("compared") or [None, None]
    values = _Filled(
        rule=str(alert.rule.name),
        scope=alert.scope,
        area=scope_label(alert),
        series=series_label(alert.series) if alert.series else MISSING,
        period=maths.iso_week(alert.period),
        count=_number(figures.get("count"), registry.COUNT),
        z=_number(figures.get("z"), registry.SCORE),
        compared_from=compared[0] or MISSING,
        compared_to=compared[1] or MISSING,
    )
    for name in ("value", "baseline", "threshold", "previous", "drop"):
        if name in figures:
            values[name] = _number(figures[name], unit)
    if alert.rule.kind == maths.PULSE_DROP and "threshold" in figures:
        values["threshold"] = _number(figures["threshold"], registry.SCORE)
    return values


def explanation(alert, language=None):
    """The rule's explanation for `alert`, in `language` (default: the active one)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        template = alert.rule.explanation or ""
        try:
            return string.Formatter().vformat(template, (), placeholders(alert))
        except (ValueError, IndexError, AttributeError):
            # A malformed template (saved before validation) still yields the figures.
            return f"{alert.rule.name}: {alert.scope} {maths.iso_week(alert.period)}"


def links(alert):
    """{"consultations": [{"title", "url"}], "policy_areas": [{"name", "slug"}]} for
    an alert, in the current language; ids no app resolves any more are left out."""
    registered = scope_kind("consultation")
    consultations = []
    for key in alert.consultations or ():
        obj = registered.get(str(key)) if registered else None
        if obj is not None:
            consultations.append(
                {"key": key, "title": str(registered.title(obj)), "url": registered.url(obj)}
            )
    policy_areas = [
        {"slug": area.slug, "name": area.name}
        for area in PolicyArea.objects.filter(slug__in=alert.policy_areas or ())
    ]
    return {"consultations": consultations, "policy_areas": policy_areas}
