"""Writes of the exchange: exporting and publishing packages, staging a received
package for review, and accepting or rejecting its items. The admin, the commands and
the feed synchronisation all call these, and every one is audited (`ExchangeEvent`;
exports by a person also in the city's export log, `engage.policy.services.record_export`).
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.policy.services import record_export

from . import package as packages
from .canonical import sha256_hex
from .conf import export_enabled
from .models import ExchangeEvent, ImportedItem, ImportStatus, PublishedPackage
from .registry import Provenance, get_kind

logger = logging.getLogger("engage.exchange")
audit_log = logging.getLogger("engage.audit")

EXPORT_KIND = "exchange_package"
NOT_FOR_FEED = _(
    "%(kind)s cannot be published in the public feed: anyone could read it there, while "
    "on this site it needs a grant and two-factor authentication. Export it to a file "
    "instead and send it to the trusted city."
)
EXPORT_DISABLED = _(
    "Exporting exchange packages is turned off on this Engage. Ask whoever runs it to set "
    "EXCHANGE_EXPORT_ENABLED=1 and EXCHANGE_SIGNING_KEY (docs/exchange.md)."
)
NOT_PENDING = _("This item was already decided (%(status)s): there is nothing left to do.")
UNKNOWN_KIND = _(
    "This Engage no longer knows the kind “%(kind)s”, so the item cannot be used. Reject it."
)
COLLISION = _(
    "A local item already has this name: %(local)s. Nothing was changed. Rename or retire "
    "the local one and accept again, or reject this item."
)
COLLISION_REPLACEABLE = _(
    "A local item already has this name: %(local)s. Nothing was changed. Choose “Accept "
    "and replace” to replace it with this one, or reject this item."
)


def _audit(action, *, user=None, city=None, kinds=(), package_id="", **detail):
    ExchangeEvent.objects.create(
        action=action,
        user=user if getattr(user, "pk", None) else None,
        city=city,
        kinds=list(kinds),
        package_id=package_id,
        detail=detail,
    )
    audit_log.info(
        "exchange %s: user=%s city=%s kinds=%s package=%s",
        action,
        getattr(user, "pk", None),
        getattr(city, "pk", None),
        ",".join(kinds),
        package_id,
    )


def _require_export_enabled():
    if not export_enabled():
        raise ValidationError(EXPORT_DISABLED, code="export_disabled")


@transaction.atomic
def export_package(codes, *, user=None, export_format="json", options=None, via="admin"):
    """A signed package of kinds `codes`, as (package dict, file bytes); the bytes are
    canonical JSON, or the CSV form's ZIP. Recorded before the file leaves."""
    _require_export_enabled()
    codes = list(dict.fromkeys(codes))
    package = packages.build_package(codes, options)
    data = (
        packages.csv_archive(package) if export_format == "csv" else packages.package_bytes(package)
    )
    _audit(
        ExchangeEvent.Action.EXPORT,
        user=user,
        kinds=codes,
        package_id=package["package_id"],
        format=export_format,
        items=packages.item_count(package),
        via=via,
    )
    if getattr(user, "pk", None):
        record_export(
            user,
            EXPORT_KIND,
            "city",
            export_format,
            kinds=",".join(codes),
            package=package["package_id"],
        )
    return package, data


@transaction.atomic
def publish(codes, *, user=None, options=None):
    """Publish one signed package per kind in the feed; the newest per kind is listed."""
    _require_export_enabled()
    for code in dict.fromkeys(codes):
        kind = get_kind(code)
        if kind is not None and not kind.public_feed:
            raise ValidationError(NOT_FOR_FEED, code="not_for_feed", params={"kind": kind.label})
    published = []
    for code in dict.fromkeys(codes):
        package = packages.build_package([code], options)
        published.append(
            PublishedPackage.objects.create(
                kind=code,
                package_id=package["package_id"],
                package=package,
                sha256=sha256_hex(packages.package_bytes(package)),
                items=packages.item_count(package),
                published_by=user if getattr(user, "pk", None) else None,
            )
        )
        _audit(
            ExchangeEvent.Action.PUBLISH,
            user=user,
            kinds=[code],
            package_id=package["package_id"],
            items=published[-1].items,
        )
        if getattr(user, "pk", None):
            record_export(
                user, EXPORT_KIND, "city", "feed", kinds=code, package=package["package_id"]
            )
    return published


@transaction.atomic
def withdraw(published, *, user=None):
    """Take a package out of the feed (it is no longer served either)."""
    if published.withdrawn_at is None:
        published.withdrawn_at = timezone.now()
        published.save(update_fields=["withdrawn_at"])
        _audit(
            ExchangeEvent.Action.WITHDRAW,
            user=user,
            kinds=[published.kind],
            package_id=published.package_id,
        )
    return published


# --- Importing ---------------------------------------------------------------------------


@dataclass
class StagingResult:
    """What staging a package did: items staged for review, items already known
    (same content from the same city), older pending versions superseded, and items of
    kinds this Engage does not take."""

    package_id: str = ""
    staged: list = field(default_factory=list)
    unchanged: int = 0
    superseded: int = 0
    skipped: int = 0


def _describe(kind, item):
    try:
        return str(kind.describe(item))[:300]
    except Exception:
        logger.exception("exchange: describe failed for %s %s", kind.code, item.get("key"))
        return str(item.get("key"))[:300]


def _local_description(kind, item):
    try:
        local = kind.find_local(item)
    except Exception:
        logger.exception("exchange: find_local failed for %s %s", kind.code, item.get("key"))
        return ""
    return "" if local is None else str(local)[:300]


def stage_package(data, city, *, user=None, source=""):
    """Verify the package in `data` (bytes) as sent by `city` (a `TrustedCity`) and stage
    its items for review. A refused package is audited and raises `PackageError`, and
    nothing of it is kept."""
    try:
        package = packages.read_package(data, city)
    except packages.PackageError as error:
        _audit(
            ExchangeEvent.Action.REFUSE,
            user=user,
            city=city,
            source=source[:300],
            reason=error.code or "",
        )
        raise
    return _stage(package, city, user=user, source=source)


@transaction.atomic
def _stage(package, city, *, user, source):
    provenance = packages.provenance_of(package).__dict__
    result = StagingResult(package_id=package["package_id"])
    for code, entry in package["kinds"].items():
        kind = get_kind(code)
        if kind is None:
            result.skipped += len(entry["items"])
            continue
        for item in entry["items"]:
            key = str(item["key"])
            digest = sha256_hex(item)
            known = ImportedItem.objects.of(city, code, key).select_for_update()
            if (
                known.filter(
                    payload_sha256=digest, status__in=[ImportStatus.PENDING, ImportStatus.ACCEPTED]
                ).exists()
                or known.filter(package_id=package["package_id"]).exists()
            ):
                result.unchanged += 1
                continue
            result.superseded += known.filter(status=ImportStatus.PENDING).update(
                status=ImportStatus.SUPERSEDED, decided_at=timezone.now()
            )
            result.staged.append(
                ImportedItem.objects.create(
                    origin=city,
                    kind=code,
                    key=key,
                    description=_describe(kind, item),
                    payload=item,
                    payload_sha256=digest,
                    provenance=provenance,
                    package_id=package["package_id"],
                    source=source[:300],
                    collides_with=_local_description(kind, item),
                    imported_by=user if getattr(user, "pk", None) else None,
                )
            )
    _audit(
        ExchangeEvent.Action.IMPORT,
        user=user,
        city=city,
        kinds=list(package["kinds"]),
        package_id=package["package_id"],
        staged=len(result.staged),
        unchanged=result.unchanged,
        superseded=result.superseded,
        skipped=result.skipped,
        source=source[:300],
    )
    return result


def _locked_pending(item):
    item = ImportedItem.objects.select_for_update().select_related("origin").get(pk=item.pk)
    if item.status != ImportStatus.PENDING:
        raise ValidationError(
            NOT_PENDING, code="decided", params={"status": item.get_status_display()}
        )
    return item


@transaction.atomic
def accept(item, *, user, replace=False, note=""):
    """Accept a staged item: the kind's `apply` creates it locally with its provenance.
    When it collides with a local item nothing changes (ValidationError saying what to
    do) unless staff chose `replace` and the kind can replace."""
    item = _locked_pending(item)
    kind = get_kind(item.kind)
    if kind is None:
        raise ValidationError(UNKNOWN_KIND, code="unknown_kind", params={"kind": item.kind})
    provenance = Provenance(**item.provenance)
    local = kind.find_local(item.payload)
    if local is not None:
        if not (replace and kind.replace):
            message = COLLISION_REPLACEABLE if kind.replace else COLLISION
            raise ValidationError(message, code="collision", params={"local": str(local)})
        created = kind.replace(item.payload, provenance, local)
    else:
        created = kind.apply(item.payload, provenance)
    item.status = ImportStatus.ACCEPTED
    item.decided_at = timezone.now()
    item.decided_by = user
    item.decision_note = note
    item.local_object = "" if created is None else str(created)[:300]
    item.save()
    _audit(
        ExchangeEvent.Action.ACCEPT,
        user=user,
        city=item.origin,
        kinds=[item.kind],
        package_id=item.package_id,
        key=item.key,
        replaced=bool(local is not None),
    )
    return item


@transaction.atomic
def reject(item, *, user, note=""):
    """Reject a staged item: it stays in the list, marked, and is never used."""
    item = _locked_pending(item)
    item.status = ImportStatus.REJECTED
    item.decided_at = timezone.now()
    item.decided_by = user
    item.decision_note = note
    item.save()
    _audit(
        ExchangeEvent.Action.REJECT,
        user=user,
        city=item.origin,
        kinds=[item.kind],
        package_id=item.package_id,
        key=item.key,
    )
    return item
