"""The demo's exchange (engage/exchange/demo/exchange.yaml), loaded by `seed_demo`: a
neighbouring city trusted by the demo city, and a package of its impact-assessment
templates staged for review, so that the review queue has something to show. The
neighbour's key is made at load time (only its public key is kept). Idempotent: a
trusted city that exists already is left as it is. Nothing is published in the feed.
"""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import transaction

from engage.demo.data import read

from .. import services, signing
from ..canonical import canonical_bytes
from ..kinds.impact_templates import SCHEMA, _labelled
from ..models import TrustedCity
from ..package import FORMAT, VERSION, new_package_id

DATA_FILE = "exchange.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("trusted_cities", []).list():
        seed_city(node, context)


def _template(node):
    from engage.impact.models import Confidence, ConsequenceCategory
    from engage.impact.models.assessments import IMPACT_CHOICES

    item = dict(node.value)
    item.setdefault("impact_scale", _labelled(IMPACT_CHOICES))
    item.setdefault("confidence_levels", _labelled(Confidence.choices))
    item.setdefault("register_categories", _labelled(ConsequenceCategory.choices))
    return item


@transaction.atomic
def seed_city(node, context):
    slug = node["slug"].str()
    if TrustedCity.objects.filter(slug=slug).exists():
        return
    key = Ed25519PrivateKey.generate()
    city = TrustedCity.objects.create(
        name=node["name"].str(),
        slug=slug,
        city_id=node["city_id"].str(),
        fingerprint=signing.fingerprint(key.public_key()),
        public_key=signing.public_key_text(key.public_key()),
    )
    context.note(True, "trusted city", city.name)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "package_id": new_package_id(),
        "city": {"name": city.name, "id": city.city_id},
        "exported_at": "2026-11-02T09:00:00+00:00",
        "licence": "CC-BY-4.0",
        "provenance": {
            "generator": "Engage",
            "public_key": city.public_key,
            "options": {},
        },
        "kinds": {
            "impact_templates": {
                "label": "Impact-assessment templates",
                "schema": SCHEMA,
                "items": [_template(item) for item in node.get("impact_templates", []).list()],
            }
        },
    }
    package = {**document, "signature": signing.sign(document, key)}
    result = services.stage_package(canonical_bytes(package), city, source="demo")
    for item in result.staged:
        context.note(True, "imported item to review", item.description)
