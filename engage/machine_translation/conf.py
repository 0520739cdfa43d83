"""The MACHINE_TRANSLATION_* settings, each defaulting to
engage/settings/machine_translation.py (so the app works before base.py imports it)."""

from django.conf import settings

from engage.settings import machine_translation as defaults


def setting(name):
    return getattr(settings, name, getattr(defaults, name))
