"""The published feed (/exchange/feed.json) and subscriptions to other cities' feeds.

A feed (docs/exchange.md#feed) names the city, its public key and fingerprint, and the
newest published package of each kind (id, kind, export time, item count, SHA-256 of
the package file and its URL); it is signed like a package. `sync_city` fetches a
subscribed city's feed with a timeout and a size limit, accepts its public key only
when the fingerprint matches the one staff recorded, then fetches each package it has
not seen, checks its SHA-256 against the feed and stages it (`services.stage_package`).
"""

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.links import absolute_url

from . import signing
from .canonical import sha256_hex
from .conf import city as this_city
from .conf import setting
from .models import ImportedItem, PublishedPackage, TrustedCity
from .package import PackageError
from .safe_http import AddressRefused, opener, same_origin

logger = logging.getLogger("engage.exchange")

FEED_FORMAT = "engage-exchange-feed"
FEED_VERSION = "1"


def current_packages():
    """The newest published package of each kind, not withdrawn."""
    live = PublishedPackage.objects.filter(withdrawn_at__isnull=True)
    newest = live.values("kind").annotate(newest=Max("published_at"))
    latest = []
    for row in newest.order_by("kind"):
        found = live.filter(kind=row["kind"], published_at=row["newest"]).order_by("-pk").first()
        if found:
            latest.append(found)
    return latest


def in_public_feed(published):
    """False for a package holding a kind that is never public (`public_feed=False`,
    such as aggregates): it is neither listed in the feed nor served at its URL."""
    from .registry import get_kind

    for code in [published.kind, *(published.package or {}).get("kinds", {})]:
        kind = get_kind(code)
        if kind is None or not kind.public_feed:
            return False
    return True


def feed_document():
    """The signed feed: this city, its key, and its current public packages, with
    links on BASE_URL."""
    public_key = signing.city_public_key()
    document = {
        "format": FEED_FORMAT,
        "version": FEED_VERSION,
        "city": this_city(),
        "public_key": signing.public_key_text(public_key),
        "key_fingerprint": signing.fingerprint(public_key),
        "updated_at": timezone.now().isoformat(),
        "packages": [
            {
                "kind": published.kind,
                "package_id": published.package_id,
                "exported_at": published.package["exported_at"],
                "items": published.items,
                "sha256": published.sha256,
                "url": absolute_url(
                    reverse("exchange:package", kwargs={"package_id": published.package_id})
                ),
            }
            for published in current_packages()
            if in_public_feed(published)
        ],
    }
    return {**document, "signature": signing.sign(document)}


# --- Fetching ----------------------------------------------------------------------------


class FetchError(Exception):
    """A feed or package that could not be fetched or read; the message says why."""


def fetch(url, *, timeout=None, max_bytes=None):
    """The body at `url` (http or https, a public address: `safe_http`), read within
    `timeout` seconds in all and at most `max_bytes` long, without following redirects;
    FetchError otherwise."""
    timeout = float(setting("EXCHANGE_FETCH_TIMEOUT") if timeout is None else timeout)
    max_bytes = int(setting("EXCHANGE_FETCH_MAX_BYTES") if max_bytes is None else max_bytes)
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(_("Only http and https addresses can be fetched: %(url)s") % {"url": url})
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"Accept": "application/json", "User-Agent": "Engage exchange"}
    )
    try:
        with opener().open(request, timeout=timeout) as response:
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                # read1: what has arrived, so a server that drips bytes still meets the
                # deadline (read(n) would wait for n bytes, each recv with its own timeout).
                chunk = response.read1(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(
                        _("%(url)s is larger than the limit of %(limit)s bytes; nothing was read.")
                        % {"url": url, "limit": max_bytes}
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except AddressRefused as error:
        raise FetchError(str(error)) from None
    except TimeoutError:
        raise FetchError(
            _("%(url)s did not answer within %(seconds)s seconds. Try again later.")
            % {"url": url, "seconds": f"{timeout:g}"}
        ) from None
    except urllib.error.HTTPError as error:
        raise FetchError(
            _("%(url)s answered with HTTP status %(status)s.") % {"url": url, "status": error.code}
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise FetchError(
                _("%(url)s did not answer within %(seconds)s seconds. Try again later.")
                % {"url": url, "seconds": f"{timeout:g}"}
            ) from None
        raise FetchError(
            _("%(url)s could not be reached (%(reason)s). Check the address, or try again later.")
            % {"url": url, "reason": reason}
        ) from None


def _read_feed(city, data):
    """The verified feed of `city`; FetchError when it is not one, or not signed by the
    key whose fingerprint staff recorded."""
    try:
        feed = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise FetchError(
            _("The feed of %(city)s is not valid JSON.") % {"city": city.name}
        ) from None
    if not isinstance(feed, dict) or feed.get("format") != FEED_FORMAT:
        raise FetchError(_("%(url)s is not an Engage exchange feed.") % {"url": city.feed_url})
    if feed.get("version") != FEED_VERSION:
        raise FetchError(
            _(
                "The feed of %(city)s uses version %(version)s of the feed format, which "
                "this Engage cannot read (it reads version %(supported)s). Update Engage, or "
                "ask %(city)s which version to expect."
            )
            % {"city": city.name, "version": feed.get("version"), "supported": FEED_VERSION}
        )
    key = str(feed.get("public_key", ""))
    try:
        actual = signing.fingerprint(key)
    except ValueError:
        raise FetchError(
            _("The feed of %(city)s has no valid public key.") % {"city": city.name}
        ) from None
    if actual != city.fingerprint:
        raise FetchError(
            _(
                "The feed of %(city)s is signed with a key whose fingerprint is %(actual)s, "
                "not the %(expected)s you recorded. Nothing was imported: check the "
                "fingerprint with %(city)s."
            )
            % {"city": city.name, "actual": actual, "expected": city.fingerprint}
        )
    document = {name: value for name, value in feed.items() if name != "signature"}
    if not signing.verify(document, feed.get("signature"), key):
        raise FetchError(
            _("The signature of the feed of %(city)s does not match it; nothing was imported.")
            % {"city": city.name}
        )
    if not isinstance(feed.get("packages"), list):
        raise FetchError(_("The feed of %(city)s lists no packages.") % {"city": city.name})
    return feed


@dataclass
class SyncResult:
    city: object
    staged: int = 0
    unchanged: int = 0
    packages: int = 0
    errors: list = field(default_factory=list)


def sync_city(city, *, user=None):
    """Fetch `city`'s feed and stage the packages not seen yet. Errors of one package
    are recorded and the others still fetched; a feed that cannot be read stops."""
    from . import services

    result = SyncResult(city=city)
    try:
        feed = _read_feed(city, fetch(city.feed_url))
    except FetchError as error:
        result.errors.append(str(error))
        _record(city, result, user)
        return result
    if not city.public_key:
        TrustedCity.objects.filter(pk=city.pk).update(public_key=feed["public_key"])
        city.public_key = feed["public_key"]
    for entry in feed["packages"]:
        if not isinstance(entry, dict):
            continue
        package_id = str(entry.get("package_id", ""))
        if ImportedItem.objects.filter(origin=city, package_id=package_id).exists():
            result.unchanged += 1
            continue
        url = urljoin(city.feed_url, str(entry.get("url", "")))
        try:
            if not same_origin(url, city.feed_url):
                raise FetchError(
                    _(
                        "The feed of %(city)s lists a package at %(url)s, outside the "
                        "feed's own site; it was not fetched. Packages must be served "
                        "where the feed is."
                    )
                    % {"city": city.name, "url": url}
                )
            data = fetch(url)
            if sha256_hex(data) != entry.get("sha256"):
                raise FetchError(
                    _("The package at %(url)s is not the one the feed lists (its SHA-256 differs).")
                    % {"url": url}
                )
            staging = services.stage_package(data, city, user=user, source=url)
        except (FetchError, PackageError) as error:
            message = " ".join(error.messages) if isinstance(error, PackageError) else str(error)
            result.errors.append(message)
            continue
        result.packages += 1
        result.staged += len(staging.staged)
        result.unchanged += staging.unchanged
    _record(city, result, user)
    return result


def _record(city, result, user):
    from .models import ExchangeEvent
    from .services import _audit

    TrustedCity.objects.filter(pk=city.pk).update(
        last_synced_at=timezone.now(), last_sync_error="\n".join(result.errors)[:5000]
    )
    _audit(
        ExchangeEvent.Action.SYNC,
        user=user,
        city=city,
        staged=result.staged,
        packages=result.packages,
        errors=result.errors[:10],
    )
    for error in result.errors:
        logger.warning("exchange: feed of %s: %s", city.slug, error)


def sync_all(*, user=None):
    """Synchronise every subscribed city; one city's failure never stops the others."""
    results = []
    for city in TrustedCity.objects.subscribed():
        try:
            results.append(sync_city(city, user=user))
        except Exception as error:
            logger.exception("exchange: synchronising %s failed", city.slug)
            results.append(SyncResult(city=city, errors=[str(error)]))
    return results
