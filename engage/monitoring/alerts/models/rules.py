"""An early-warning rule: which kind of departure to look for, in which series, with
which parameters, minimum counts and cooldown, and how to explain it in plain words."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .. import rules as maths

# The placeholders an explanation may use, whatever the kind (a kind fills the ones it
# has; the others read as "–").
PLACEHOLDERS = (
    "rule",
    "scope",
    "area",
    "series",
    "period",
    "value",
    "count",
    "baseline",
    "threshold",
    "previous",
    "drop",
    "z",
    "compared_from",
    "compared_to",
    "reason",
)
# Kinds that read a series the rule names (the others read a fixed one).
SERIES_KINDS = {maths.COUNT_ABOVE_RANGE, maths.PULSE_DROP, maths.NEGATIVITY}


class Kind(models.TextChoices):
    NEGATIVITY = maths.NEGATIVITY, _("Negativity of texts above its trailing weeks")
    COUNT_ABOVE_RANGE = maths.COUNT_ABOVE_RANGE, _("A weekly count above its usual range")
    TENSION = maths.TENSION, _("Tension level high or rising")
    PULSE_DROP = maths.PULSE_DROP, _("A significant drop in a pulse indicator")
    POLARISATION = maths.POLARISATION, _("Polarisation of a consultation above a threshold")


def placeholders_in(template):
    """The names of the `{placeholders}` in `template`; ValueError when malformed."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


class AlertRule(models.Model):
    """One rule the daily evaluation applies (`evaluation.evaluate`).

    `parameters` override the kind's defaults (`rules.DEFAULTS`: z, window_weeks,
    alpha, level, threshold, lookback_weeks, recent_weeks…); `min_count` (when set) is
    the minimum number of observations a week needs to be judged, else the setting
    `EARLY_WARNING_MIN_COUNTS[kind]`, else the kind's default. The name and the
    explanation have a field per language (wagtail-modeltranslation).
    """

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    series = models.CharField(
        _("series"),
        max_length=80,
        blank=True,
        help_text=_(
            "The weekly series to watch, e.g. signals.abuse_flags, incidents.reports_raw or "
            "pulse.belonging. Leave empty for the kind's own series (every pulse indicator "
            "for a pulse drop)."
        ),
    )
    parameters = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_('Optional numbers that replace the defaults, e.g. {"z": 2.5}.'),
    )
    min_count = models.PositiveIntegerField(
        _("minimum count"),
        null=True,
        blank=True,
        help_text=_(
            "A week with fewer observations than this (texts, answers, reports) is never "
            "judged. Empty: the setting's or the kind's default."
        ),
    )
    cooldown_days = models.PositiveIntegerField(
        _("cooldown in days"),
        default=14,
        help_text=_("After an alert, the same rule stays silent for the same place this long."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    explanation = models.TextField(
        _("explanation"),
        help_text=_(
            "Plain words for the alert. Placeholders in braces: {rule}, {scope}, {area}, "
            "{series}, {period}, {value}, {count}, {baseline}, {threshold}, {previous}, "
            "{drop}, {z}, {compared_from}, {compared_to}."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("series"),
        FieldPanel("parameters"),
        FieldPanel("min_count"),
        FieldPanel("cooldown_days"),
        FieldPanel("enabled"),
        FieldPanel("explanation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for field in [f for f in self._meta.fields if f.name.startswith("explanation")]:
            text = getattr(self, field.name) or ""
            try:
                unknown = placeholders_in(text) - set(PLACEHOLDERS)
            except ValueError:
                errors[field.name] = _(
                    "A brace is not closed. Write placeholders like {area}, or double a "
                    "brace ({{) to show it."
                )
                continue
            if unknown:
                errors[field.name] = _("Unknown placeholders: %(names)s. Use only: %(known)s.") % {
                    "names": ", ".join(sorted(unknown)),
                    "known": ", ".join(PLACEHOLDERS),
                }
        if not isinstance(self.parameters, dict):
            errors["parameters"] = _('Write the parameters as an object, e.g. {"z": 2.5}.')
        elif any(not isinstance(v, int | float) for v in self.parameters.values()):
            errors["parameters"] = _("Every parameter must be a number.")
        if self.kind == maths.COUNT_ABOVE_RANGE and not self.series:
            errors["series"] = _("Name the count to watch, e.g. incidents.reports_raw.")
        if errors:
            raise ValidationError(errors)

    def effective_parameters(self):
        """The kind's defaults, overridden by settings' minimum counts and the rule's."""
        values = dict(maths.DEFAULTS.get(self.kind, {}))
        values.setdefault("recent_weeks", 2)
        configured = getattr(settings, "EARLY_WARNING_MIN_COUNTS", {}) or {}
        if self.kind in configured:
            values["min_count"] = configured[self.kind]
        values.update(self.parameters or {})
        if self.min_count is not None:
            values["min_count"] = self.min_count
        return values
