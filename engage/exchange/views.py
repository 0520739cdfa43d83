"""What the city publishes to other cities, outside i18n_patterns at /exchange/: its
public key, its feed, the packages in the feed and the JSON Schema of the format.
Everyone may read them; nothing is in the feed until staff publish it, and kinds that
are not public (`public_feed=False`: aggregates) are never in it (docs/exchange.md)."""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from . import signing
from .canonical import canonical_bytes
from .conf import city, export_enabled
from .feeds import feed_document, in_public_feed
from .models import PublishedPackage
from .package import SUPPORTED_VERSIONS, envelope_schema

JSON = "application/json"


def _require_publishing():
    if not export_enabled():
        raise Http404


def _cors(response):
    # Other cities' tools read these from their own origin.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_key(request):
    """This city's Ed25519 public key (base64 of 32 bytes) and its fingerprint."""
    _require_publishing()
    key = signing.city_public_key()
    return _cors(
        JsonResponse(
            {
                "city": city(),
                "algorithm": signing.ALGORITHM,
                "public_key": signing.public_key_text(key),
                "key_fingerprint": signing.fingerprint(key),
            }
        )
    )


@require_GET
def feed(request):
    """The signed feed: the newest published package of each kind."""
    _require_publishing()
    return _cors(HttpResponse(canonical_bytes(feed_document()), content_type=JSON))


@require_GET
def package(request, package_id):
    """A published package, byte for byte as the feed's SHA-256 names it."""
    _require_publishing()
    published = get_object_or_404(
        PublishedPackage, package_id=str(package_id), withdrawn_at__isnull=True
    )
    if not in_public_feed(published):
        raise Http404  # aggregates and other non-public kinds travel only as files
    return _cors(HttpResponse(canonical_bytes(published.package), content_type=JSON))


@require_GET
def schema(request, version):
    """The JSON Schema of the package envelope."""
    if version not in SUPPORTED_VERSIONS:
        raise Http404
    body = json.dumps(envelope_schema(version), indent=2, ensure_ascii=False)
    return _cors(HttpResponse(body, content_type="application/schema+json"))
