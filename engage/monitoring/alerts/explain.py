"""Alerts in words: the rule's explanation filled with the evidence, in a language, and
what an alert links to (the consultations and policy areas concerned)."""

import datetime
import string

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engage.communities import suppression
from engage.communities.models import Area
from engage.communities.scopes import Scope, scope_kind
from engage.monitoring import series as registry
from engage.policy.models import PolicyArea

from . import rules as maths

MISSING = "–"
# {reason} of a tension alert: which condition held (rules.kinds.tension_alert).
TENSION_REASONS = {
    "level": gettext_lazy("the tension level is 3 or more"),
    "rising": gettext_lazy("the tension level rose two periods in a row"),
    "trend": gettext_lazy("the last two assessments said tension is rising"),
}


class _Filled(dict):
    def __missing__(self, key):
        return MISSING


def _number(value, unit):
    if value is None:
        return MISSING
    if unit == registry.SHARE:
        percent = round(value * 100, 1)
        places = 0 if float(percent).is_integer() else 1
        return f"{formats.number_format(percent, places)}%"
    if unit in (registry.COUNT, registry.LEVEL) and float(value).is_integer():
        return formats.number_format(int(value))
    return formats.number_format(round(value, 2), 2)


def _internal(alert):
    """Whether the alert watches a series that is never shown (raw incident counts)."""
    try:
        return registry.get(alert.series).internal
    except KeyError:
        return False


def _shown(value, unit, small_cells):
    """`value` in words; with `small_cells`, a figure below the small-cell threshold is
    "fewer than N", as everywhere it is published (explanations reach partners and
    emails, and the raw series behind the alert is never shown)."""
    if small_cells and value is not None and value < suppression.threshold():
        return suppression.publish(None, suppression.SMALL).label
    return _number(value, unit)


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


def area_names(alerts):
    """{area code: name} for the areas of `alerts`: one query for a whole list."""
    codes = {alert.area for alert in alerts if alert.area}
    return dict(Area.objects.filter(code__in=codes).values_list("code", "name"))


def scope_label(alert, names=None):
    """The area's name, or the consultation's title, or the scope as written. `names`
    ({code: name}, from `area_names`) saves a query per alert in lists."""
    scope = Scope.parse(alert.scope)
    if scope.kind == "area":
        if names is not None:
            return names.get(scope.key, scope.key)
        return area_name(scope.key)
    registered = scope_kind(scope.kind)
    obj = registered.get(scope.key) if registered else None
    return str(registered.title(obj)) if obj is not None else alert.scope


def placeholders(alert, names=None):
    """The values of the explanation's placeholders for `alert` (current language)."""
    evidence = alert.evidence or {}
    figures = evidence.get("figures", {})
    unit = _unit(alert)
    compared = evidence.get("compared") or [None, None]
    small_cells = _internal(alert)
    values = _Filled(
        rule=str(alert.rule.name),
        scope=alert.scope,
        area=scope_label(alert, names),
        series=series_label(alert.series) if alert.series else MISSING,
        period=maths.iso_week(alert.period),
        count=_shown(figures.get("count"), registry.COUNT, small_cells),
        z=_number(figures.get("z"), registry.SCORE),
        compared_from=compared[0] or MISSING,
        compared_to=compared[1] or MISSING,
    )
    for name in ("value", "baseline", "threshold", "previous", "drop"):
        if name in figures:
            values[name] = _shown(figures[name], unit, small_cells and name != "threshold")
    if figures.get("reason") in TENSION_REASONS:
        values["reason"] = str(TENSION_REASONS[figures["reason"]])
    if alert.rule.kind == maths.PULSE_DROP and "threshold" in figures:
        values["threshold"] = _number(figures["threshold"], registry.SCORE)
    return values


def explanation(alert, language=None, names=None):
    """The rule's explanation for `alert`, in `language` (default: the active one)."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        template = alert.rule.explanation or ""
        try:
            return string.Formatter().vformat(template, (), placeholders(alert, names))
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


def evidence_rows(alert, names=None):
    """[(label, figure)] of the evidence, formatted, for the alert's page."""
    labels = {
        "value": _("This week"),
        "count": _("Observations this week"),
        "baseline": _("Usual level (mean of the weeks compared)"),
        "threshold": _("Threshold"),
        "previous": _("Previous period"),
        "drop": _("Drop"),
        "z": _("Standard scores (z)"),
    }
    figures = (alert.evidence or {}).get("figures", {})
    values = placeholders(alert, names)
    rows = [(label, values[key]) for key, label in labels.items() if key in figures]
    compared = (alert.evidence or {}).get("compared")
    if compared:
        rows.append(
            (
                _("Weeks compared"),
                _("%(first)s to %(last)s")
                % {
                    "first": maths.iso_week(datetime.date.fromisoformat(compared[0])),
                    "last": maths.iso_week(datetime.date.fromisoformat(compared[1])),
                },
            )
        )
    return rows
