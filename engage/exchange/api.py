"""API of exchange (django-ninja), mounted in engage/api.py at /exchange/.

- `GET /api/v1/exchange/kinds`: public; what this Engage can exchange (code, label, the
  JSON Schema of one item, CSV columns), for other cities' tools;
- `GET /api/v1/exchange/imports`: city staff with two-factor authentication
  (`exchange.manage`); the imported items with their status and provenance, newest
  first, `?status=` to filter. Anyone else gets a 403 (401 when not signed in).
"""

import rules
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from engage.apikit import MAX_PAGE, PUBLIC_READ, SIGNED_IN, ErrorOut, page_of

from .models import ImportedItem, ImportStatus
from .registry import kinds
from .rules import MANAGE_EXCHANGE

router = Router(tags=["exchange"], auth=PUBLIC_READ)


class KindOut(Schema):
    code: str
    label: str
    item_schema: dict
    csv_columns: list[str]


@router.get(
    "/kinds", response=list[KindOut], summary="What can be exchanged", url_name="exchange_kinds"
)
def exchange_kinds(request):
    """Every kind this Engage exports and imports."""
    return [
        {
            "code": kind.code,
            "label": str(kind.label),
            "item_schema": kind.schema,
            "csv_columns": list(kind.csv_columns),
        }
        for kind in kinds()
    ]


class ImportedItemOut(Schema):
    id: int
    origin: str
    kind: str
    key: str
    description: str
    status: str
    collides_with: str
    imported_at: str
    decided_at: str | None
    provenance: dict


class ImportedItemsOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[ImportedItemOut]


@router.get(
    "/imports",
    auth=SIGNED_IN,
    response={200: ImportedItemsOut, 403: ErrorOut, 422: ErrorOut},
    summary="Imported items and their review status",
    url_name="exchange_imports",
)
def imported_items(request, status: str = "", page: int = 1):
    """The imported items, newest first (staff only)."""
    if not rules.test_rule(MANAGE_EXCHANGE, request.user):
        raise HttpError(
            403, _("Only city staff with two-factor authentication may see imported items.")
        )
    if status and status not in ImportStatus.values:
        raise HttpError(
            422,
            _("Give a status among: %(statuses)s.") % {"statuses": ", ".join(ImportStatus.values)},
        )
    page = min(max(page, 1), MAX_PAGE)
    items = ImportedItem.objects.select_related("origin")
    if status:
        items = items.filter(status=status)
    rows, count = page_of(items, page, 50)
    return {
        "count": count,
        "page": page,
        "page_size": 50,
        "items": [
            {
                "id": item.pk,
                "origin": item.origin.slug,
                "kind": item.kind,
                "key": item.key,
                "description": item.description,
                "status": item.status,
                "collides_with": item.collides_with,
                "imported_at": item.imported_at.isoformat(),
                "decided_at": item.decided_at.isoformat() if item.decided_at else None,
                "provenance": item.provenance,
            }
            for item in rows
        ],
    }
