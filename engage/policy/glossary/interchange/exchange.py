"""The "glossary" kind of exchange packages between cities (engage/exchange/registry.py).

A package carries the agreed terms; the receiving city reviews them, and each one it
accepts is created as a proposed term with its provenance (`Term.origin`), to go
through its own partners' review. A term whose key exists locally is never
overwritten: `apply` raises ValidationError saying what to do.
"""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engage.exchange.registry import ExchangeKind, register_kind

from .. import services
from ..models import Term, TermStatus
from .items import ITEM_SCHEMA, check_item, conflict_message, export_items


def export(options):
    items = export_items([TermStatus.AGREED])
    if options.language:
        for item in items:
            item["translations"] = {
                code: wording
                for code, wording in item["translations"].items()
                if code in (options.language, item["source_language"])
            }
            item["discouraged"] = [
                entry for entry in item["discouraged"] if entry["language"] == options.language
            ]
    yield from items


def describe(item):
    wording = item["translations"].get(item["source_language"]) or next(
        iter(item["translations"].values())
    )
    return _("Glossary term “%(label)s” (%(key)s), in %(count)s languages") % {
        "label": wording["label"],
        "key": item["key"],
        "count": len(item["translations"]),
    }


def find_local(item):
    return Term.objects.filter(slug=item.get("key")).first()


def apply(item, provenance):
    check_item(item)
    local = find_local(item)
    if local is not None:
        raise ValidationError(conflict_message(local, item))
    origin = {"kind": "exchange", **asdict(provenance)}
    data = {key: value for key, value in item.items() if key != "related"}
    term = services.create_term(data, status=TermStatus.PROPOSED, origin=origin)
    related = item.get("related", [])
    if related:
        services.link_related(term, related)
    return term


def register_exchange_kind():
    register_kind(
        ExchangeKind(
            code="glossary",
            label=gettext_lazy("Glossary"),
            schema=ITEM_SCHEMA,
            export=export,
            describe=describe,
            find_local=find_local,
            apply=apply,
            csv_columns=(),
        )
    )
