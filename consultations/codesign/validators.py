"""Validators and parsing for the comma-separated language lists and the time zone of
a co-design session. Referenced by migrations, so keep these names importable here."""

import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def split_codes(value):
    """["en", "ar"] from "en, ar" (blank entries dropped)."""
    return [code.strip() for code in (value or "").split(",") if code.strip()]


def validate_language_codes(value):
    """A comma-separated list of language codes such as "en, ar, bfi"."""
    bad = [code for code in split_codes(value) if not LANGUAGE_CODE_PATTERN.match(code)]
    if bad:
        raise ValidationError(
            _("These are not language codes: %(codes)s. Use codes such as en, ar or fr."),
            params={"codes": ", ".join(bad)},
        )


def validate_time_zone(value):
    """A time zone name the system knows, such as Europe/London."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone name. Use a name such as Europe/London."),
            params={"value": value},
        )
