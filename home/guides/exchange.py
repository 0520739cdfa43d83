"""Discussion guides as the exchange kind "guides" (engage/exchange/registry.py).

A city shares its published guides meant for everyone or for partner organisations
(never staff-only ones) in every language they are written in. An item is keyed by the
guide's slug. Importing one creates a DRAFT guide below the local guide index with its
`provenance`; staff review, adapt and publish it. It never overwrites: a local guide
with the same slug (or one already imported from the same city under that key) is a
collision, refused with a message that says what to do.
"""

import bleach
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.rich_text import expand_db_html

from .audience import GuideAudience

CODE = "guides"
TEXT_FIELDS = ("title", "summary", "key_terms")
RICH_FIELDS = ("purpose", "do", "avoid")
SHARED_AUDIENCES = (GuideAudience.EVERYONE, GuideAudience.PARTNERS)
RICH_TAGS = frozenset({"p", "br", "b", "i", "strong", "em", "ul", "ol", "li", "a", "h2", "h3"})

_clean = bleach.Cleaner(
    tags=RICH_TAGS, attributes={"a": ["href"]}, protocols={"http", "https", "mailto"}, strip=True
)

_TEXT = {"type": "string"}
SCHEMA = {
    "type": "object",
    "required": ["key", "audience", "translations"],
    "additionalProperties": False,
    "properties": {
        "key": {"type": "string", "pattern": "^[-a-z0-9_]+$", "maxLength": 255},
        "audience": {"enum": [value for value, _label in GuideAudience.choices]},
        "translations": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["title"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string", "minLength": 1, "maxLength": 255},
                    "summary": _TEXT,
                    "purpose": _TEXT,
                    "do": _TEXT,
                    "avoid": _TEXT,
                    "key_terms": {"type": "array", "items": _TEXT},
                    "questions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["question"],
                            "properties": {"question": _TEXT, "why": _TEXT},
                            "additionalProperties": False,
                        },
                    },
                    "support": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
    },
}


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def _translation(page, language):
    """The fields of `page` written in `language` (None when it has no title there)."""
    title = getattr(page, f"title_{language}", "") or ""
    if not title:
        return None
    item = {"title": title}
    summary = getattr(page, f"summary_{language}", "") or ""
    if summary:
        item["summary"] = summary
    for name in RICH_FIELDS:
        html = getattr(page, f"{name}_{language}", "") or ""
        if html:
            item[name] = _clean.clean(expand_db_html(html))
    terms = getattr(page, f"key_terms_{language}", "") or ""
    if terms:
        item["key_terms"] = [line.strip() for line in terms.splitlines() if line.strip()]
    questions = getattr(page, f"questions_{language}", None)
    if questions:
        item["questions"] = [
            {"question": block.value["question"], "why": block.value.get("why") or ""}
            for block in questions
        ]
    support = getattr(page, f"support_{language}", None)
    if support:
        item["support"] = [
            {"type": block.block_type, **{k: v or "" for k, v in block.value.items()}}
            for block in support
        ]
    return item


def export_guides(options):
    """Published guides for everyone or partners, in the languages they have."""
    from .models import DiscussionGuidePage

    languages = [options.language] if options.language else _languages()
    guides = DiscussionGuidePage.objects.live().public().filter(audience__in=SHARED_AUDIENCES)
    for page in guides.order_by("path"):
        translations = {}
        for language in languages:
            item = _translation(page, language)
            if item:
                translations[language] = item
        if translations:
            yield {"key": page.slug, "audience": page.audience, "translations": translations}


def describe(item):
    translations = item.get("translations") or {}
    first = translations.get("en") or next(iter(translations.values()), {})
    return _("Discussion guide “%(title)s” (%(languages)s)") % {
        "title": first.get("title", item.get("key", "")),
        "languages": ", ".join(sorted(translations)),
    }


def find_local(item):
    """A local guide with the item's slug, or one imported earlier under its key."""
    from .models import DiscussionGuidePage

    key = slugify(item.get("key", ""))
    return (
        DiscussionGuidePage.objects.filter(slug=key).first()
        or DiscussionGuidePage.objects.filter(provenance__key=item.get("key", "")).first()
    )


def _stream(entries, block_types):
    return [
        {"type": entry.get("type", block_types[0]), "value": entry}
        for entry in entries
        if entry.get("type", block_types[0]) in block_types
    ]


def _clean_entry(entry):
    return {key: str(value) for key, value in entry.items() if key != "type"}


@transaction.atomic
def apply(item, provenance):
    """Create the imported guide as a draft below the guide index (see the module
    docstring); raises ValidationError on a collision or when there is no index."""
    from .models import DiscussionGuideIndexPage, DiscussionGuidePage

    if find_local(item) is not None:
        raise ValidationError(
            _(
                "A discussion guide “%(key)s” already exists here. Rename or delete the "
                "local guide first, or leave this item out of the import: imported guides "
                "never replace local ones."
            )
            % {"key": item.get("key", "")}
        )
    index = DiscussionGuideIndexPage.objects.first()
    if index is None:
        raise ValidationError(
            _("There is no discussion guide index to put the guide in. Create one first.")
        )
    page = DiscussionGuidePage(
        slug=slugify(item["key"]),
        audience=item.get("audience", GuideAudience.PARTNERS),
        live=False,
        provenance={
            "key": item["key"],
            "city": provenance.city,
            "city_id": provenance.city_id,
            "package_id": provenance.package_id,
            "exported_at": provenance.exported_at,
            "licence": provenance.licence,
            "key_fingerprint": provenance.key_fingerprint,
        },
    )
    languages = set(_languages())
    for language, fields in (item.get("translations") or {}).items():
        if language not in languages:
            continue
        setattr(page, f"title_{language}", str(fields["title"])[:255])
        setattr(page, f"summary_{language}", str(fields.get("summary", "")))
        for name in RICH_FIELDS:
            setattr(page, f"{name}_{language}", _clean.clean(str(fields.get(name, ""))))
        setattr(page, f"key_terms_{language}", "\n".join(map(str, fields.get("key_terms", []))))
        questions = [_clean_entry(q) for q in fields.get("questions", [])]
        setattr(page, f"questions_{language}", _stream(questions, ("question",)))
        support = [
            {"type": entry.get("type"), **_clean_entry(entry)}
            for entry in fields.get("support", [])
        ]
        setattr(
            page,
            f"support_{language}",
            [
                {"type": e["type"], "value": _clean_entry(e)}
                for e in support
                if e["type"] in ("contact", "link")
            ],
        )
    if not page.title:
        page.title = next(iter(item["translations"].values()))["title"]
    index.add_child(instance=page)
    page.save_revision()
    return page


def register():
    """Called from GuidesConfig.ready()."""
    from engage.exchange.registry import ExchangeKind, register_kind

    register_kind(
        ExchangeKind(
            code=CODE,
            label=gettext_lazy("Discussion guides"),
            schema=SCHEMA,
            export=export_guides,
            describe=describe,
            find_local=find_local,
            apply=apply,
        )
    )
