"""The glossary as SKOS (Simple Knowledge Organization System), in Turtle or JSON-LD,
with rdflib, so that partners' own systems can read it.

Each term is a `skos:Concept` in one `skos:ConceptScheme` (`<BASE_URL>/glossary/`),
its address `<BASE_URL>/glossary/<key>`, with
`dcterms:identifier` (the key), `skos:prefLabel`, `skos:definition`, `skos:scopeNote`
(usage notes) and `skos:altLabel` (other forms) in each language,
`skos:hiddenLabel` for each discouraged term (so that searches find it) and
`skos:related`. What SKOS has no word for is in the Engage vocabulary (`NS` below):
`eg:status`, `eg:sourceLanguage`; `eg:discouraged` nodes (`eg:phrase`,
`eg:preferred`, `eg:reason`, in their language); `eg:wording` nodes saying the
language each translation was agreed in (`eg:language`, `eg:agreedIn`); and
`eg:source` nodes (`dcterms:title`, `foaf:page`; each source is also a plain
`dcterms:source`). Node addresses are the concept's plus a fragment, so files from the
same glossary are identical.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

NS = Namespace("https://engage-platform.org/ns/glossary#")
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}


def scheme_uri():
    return URIRef(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/glossary/")


def to_graph(items):
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("eg", NS)
    scheme = scheme_uri()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal(settings.WAGTAIL_SITE_NAME)))
    for item in items:
        concept = URIRef(f"{scheme}{item['key']}")
        add = graph.add
        add((concept, RDF.type, SKOS.Concept))
        add((concept, SKOS.inScheme, scheme))
        add((concept, DCTERMS.identifier, Literal(item["key"])))
        add((concept, NS.status, Literal(item["status"])))
        add((concept, NS.sourceLanguage, Literal(item["source_language"])))
        for code, wording in sorted(item["translations"].items()):
            add((concept, SKOS.prefLabel, Literal(wording["label"], lang=code)))
            add((concept, SKOS.definition, Literal(wording["definition"], lang=code)))
            if wording.get("usage_notes"):
                add((concept, SKOS.scopeNote, Literal(wording["usage_notes"], lang=code)))
            for variant in wording.get("variants", []):
                add((concept, SKOS.altLabel, Literal(variant, lang=code)))
            node = URIRef(f"{concept}#wording-{code}")
            add((concept, NS.wording, node))
            add((node, NS.language, Literal(code)))
            add((node, NS.agreedIn, Literal(wording.get("agreed_in", ""))))
        for number, entry in enumerate(item.get("discouraged", []), start=1):
            code = entry["language"]
            node = URIRef(f"{concept}#discouraged-{number}")
            add((concept, SKOS.hiddenLabel, Literal(entry["phrase"], lang=code)))
            add((concept, NS.discouraged, node))
            add((node, RDF.type, NS.DiscouragedTerm))
            add((node, NS.phrase, Literal(entry["phrase"], lang=code)))
            add((node, NS.preferred, Literal(entry["preferred"], lang=code)))
            add((node, NS.reason, Literal(entry["reason"], lang=code)))
        for number, source in enumerate(item.get("sources", []), start=1):
            node = URIRef(f"{concept}#source-{number}")
            add((concept, DCTERMS.source, URIRef(source["url"])))
            add((concept, NS.source, node))
            add((node, DCTERMS.title, Literal(source["title"])))
            add((node, FOAF.page, URIRef(source["url"])))
        for key in item.get("related", []):
            add((concept, SKOS.related, URIRef(f"{scheme}{key}")))
    return graph


def serialise(items, fmt):
    """Turtle (`ttl`) or JSON-LD (`jsonld`) text of `items`."""
    return to_graph(items).serialize(format=FORMATS[fmt])


def _text(graph, subject, predicate, default=""):
    value = graph.value(subject, predicate)
    return str(value) if value is not None else default


def _key(graph, concept):
    return _text(graph, concept, DCTERMS.identifier) or str(concept).rstrip("/").rsplit("/", 1)[-1]


def _item(graph, concept):
    translations = {}
    for label in graph.objects(concept, SKOS.prefLabel):
        code = label.language or settings.LANGUAGE_CODE
        translations[code] = {
            "label": str(label),
            "definition": "",
            "usage_notes": "",
            "variants": [],
            "agreed_in": "",
        }
    for predicate, field in ((SKOS.definition, "definition"), (SKOS.scopeNote, "usage_notes")):
        for value in graph.objects(concept, predicate):
            if value.language in translations:
                translations[value.language][field] = str(value)
    for value in graph.objects(concept, SKOS.altLabel):
        if value.language in translations:
            translations[value.language]["variants"].append(str(value))
    for node in graph.objects(concept, NS.wording):
        code = _text(graph, node, NS.language)
        if code in translations:
            translations[code]["agreed_in"] = _text(graph, node, NS.agreedIn)
    discouraged = []
    for node in graph.objects(concept, NS.discouraged):
        phrase = graph.value(node, NS.phrase)
        discouraged.append(
            {
                "language": getattr(phrase, "language", None) or settings.LANGUAGE_CODE,
                "phrase": str(phrase or ""),
                "preferred": _text(graph, node, NS.preferred),
                "reason": _text(graph, node, NS.reason),
            }
        )
    sources = [
        {"title": _text(graph, node, DCTERMS.title), "url": _text(graph, node, FOAF.page)}
        for node in graph.objects(concept, NS.source)
    ]
    for code in translations:
        translations[code]["variants"].sort()
    return {
        "key": _key(graph, concept),
        "status": _text(graph, concept, NS.status, "proposed"),
        "source_language": _text(graph, concept, NS.sourceLanguage, settings.LANGUAGE_CODE),
        "translations": translations,
        "discouraged": sorted(
            discouraged, key=lambda e: (e["language"], e["phrase"], e["preferred"])
        ),
        "sources": sorted(sources, key=lambda e: (e["url"], e["title"])),
        "related": sorted(_key(graph, other) for other in graph.objects(concept, SKOS.related)),
    }


def parse(text, fmt):
    """Items from Turtle or JSON-LD text; ValidationError for a file rdflib cannot read."""
    graph = Graph()
    try:
        graph.parse(data=text, format=FORMATS[fmt])
    except Exception as error:  # rdflib raises many kinds of parse errors
        raise ValidationError(
            _(
                "The file could not be read as %(format)s (%(problem)s). Check that it is a SKOS export."
            )
            % {"format": fmt, "problem": str(error)[:200]}
        ) from error
    concepts = sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str)
    return [_item(graph, concept) for concept in concepts]
