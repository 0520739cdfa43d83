"""The settings of incident reports, with their defaults (see engage/settings/monitoring.py).

Read through these functions so the app works whether or not the settings module is
star-imported into the project's settings.
"""

import os

from django.conf import settings

DEFAULT_RETENTION_DAYS = 730


def retention_days():
    """How many days a report is kept after it was made (INCIDENT_RETENTION_DAYS)."""
    return int(getattr(settings, "INCIDENT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def encryption_keys():
    """The configured Fernet keys (INCIDENT_ENCRYPTION_KEY, comma-separated), or []."""
    value = getattr(settings, "INCIDENT_ENCRYPTION_KEY", "") or os.environ.get(
        "INCIDENT_ENCRYPTION_KEY", ""
    )
    return [key.strip() for key in value.split(",") if key.strip()]
