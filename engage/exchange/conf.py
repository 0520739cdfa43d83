"""The exchange settings, with the defaults of `engage.settings.exchange` when a
settings module does not define them."""

from django.conf import settings

from engage.links import base_url
from engage.settings import exchange as defaults


def setting(name):
    return getattr(settings, name, getattr(defaults, name))


def city():
    """This city as packages name it: {"name", "id"} (id: EXCHANGE_CITY_ID, or when that
    is empty the resolved BASE_URL)."""
    return {
        "name": str(setting("EXCHANGE_CITY_NAME")),
        "id": str(setting("EXCHANGE_CITY_ID") or base_url()).rstrip("/"),
    }


def export_enabled():
    return bool(setting("EXCHANGE_EXPORT_ENABLED"))
