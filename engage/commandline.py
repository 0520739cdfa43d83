"""Argument types shared by the management commands."""

import argparse
import datetime

from django.utils.translation import gettext as _


def iso_date(text):
    """An argparse `type` for a YYYY-MM-DD date (`--date`, `--as-of`): a bad value is
    refused by the parser with a message that shows the expected form."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("%(value)s is not a date: write it as YYYY-MM-DD, for example 2026-03-31.")
            % {"value": text}
        ) from error
