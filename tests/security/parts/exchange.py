"""Exchange with other cities (issue #17): what the city publishes for other Engage
instances (/exchange/public-key, /exchange/feed.json, /exchange/packages/<id>.json,
/exchange/schema/v1.json) is public; the admin pages (/admin/exchange/: export and
publish, the import review queue, an imported item, withdrawing a package), the
trusted cities and the exchange audit are city staff's (TOTP). The audit trail is
append-only: nobody adds or edits an event. In the API, the kinds are public and the
imported items are city staff's.
"""

from tests.security.matrix import EVERYONE, NOBODY, PUBLIC, STAFF_ONLY, admin, get, post

VIEWSETS = ("exchange_cities", "exchange_audit")
PATH_VALUES = {"package_id": "exchange_package_id"}
PK_OBJECTS = (
    ("exchange_admin:item", "exchange_item"),
    ("exchange_admin:withdraw", "exchange_published"),
    ("exchange_cities:", "exchange_city"),
    ("exchange_audit:", "exchange_event"),
)

ROUTES = {
    "exchange:public_key": PUBLIC,
    "exchange:feed": PUBLIC,
    "exchange:package": PUBLIC,
    "exchange:schema": PUBLIC,
    "exchange_admin:export": admin(STAFF_ONLY),
    "exchange_admin:imports": admin(STAFF_ONLY),
    "exchange_admin:item": admin(STAFF_ONLY),
    "exchange_admin:withdraw": post(STAFF_ONLY),
    "exchange_audit:add": get(NOBODY),
    "exchange_audit:edit": get(NOBODY),
}


def build(world):
    """A published package (served at /exchange/packages/<id>.json), a trusted city with
    one item staged from it, and an audit event."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from engage.exchange import services, signing
    from engage.exchange.models import ExchangeEvent, ImportedItem, TrustedCity
    from engage.exchange.package import build_package, package_bytes

    (published,) = services.publish(["impact_templates"], user=world.users["staff"])
    key = Ed25519PrivateKey.generate()
    city, _created = TrustedCity.objects.update_or_create(
        slug="permission-matrix-city",
        defaults={
            "name": "Permission matrix city",
            "city_id": "https://matrix-city.example",
            "fingerprint": signing.fingerprint(key.public_key()),
            "public_key": signing.public_key_text(key.public_key()),
        },
    )
    package = build_package(
        ["impact_templates"],
        private_key=key,
        city={
            "name": city.name,
            "id": city.city_id,
        },
    )
    package["kinds"]["impact_templates"]["items"] = [
        {
            "key": "matrix-template",
            "title": "Permission matrix template",
            "dimensions": [],
            "impact_scale": [],
            "register_categories": [],
        }
    ]
    document = {name: value for name, value in package.items() if name != "signature"}
    package["signature"] = signing.sign(document, key)
    services.stage_package(package_bytes(package), city)
    world.ids["exchange_package_id"] = published.package_id
    world.ids["exchange_published"] = published.pk
    world.ids["exchange_city"] = city.pk
    world.ids["exchange_item"] = ImportedItem.objects.filter(origin=city).latest("pk").pk
    world.ids["exchange_event"] = ExchangeEvent.objects.latest("pk").pk


def api_ops(world):
    return {
        "GET /api/v1/exchange/kinds": get(EVERYONE),
        "GET /api/v1/exchange/imports": get(STAFF_ONLY),
    }
