"""Template filters of pulse results."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value):
    """0.6543 → "65.4 %" (localised); "–" for None."""
    if value is None:
        return "–"
    return _("%(percent)s %%") % {"percent": number_format(round(value * 100, 1), 1)}


@register.filter
def interval(pair):
    """[0.61, 0.69] → "61.0–69.0 %"; "–" for None."""
    if not pair:
        return "–"
    low, high = pair
    return _("%(low)s–%(high)s %%") % {
        "low": number_format(round(low * 100, 1), 1),
        "high": number_format(round(high * 100, 1), 1),
    }
