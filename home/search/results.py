"""Running a search over every registered source, and reading one page of results.

`find(query, group)` asks each source for its matches (one query per source: primary
keys and ranks only, at most `MAX_MATCHES_PER_SOURCE` each), counts them per group and
merges the chosen group's (or all) into one list, best rank first. `page_results(...)`
then reads the full results of just the shown page (one query per source on it), so a
search costs the same number of queries whatever the number of matches.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator

from . import registry
from .query import MAX_MATCHES_PER_SOURCE, RESULTS_PER_PAGE


@dataclass(frozen=True)
class Hit:
    source: str
    pk: int
    rank: float


@dataclass
class Found:
    hits: list
    counts: dict = field(default_factory=dict)  # group key -> number of matches

    @property
    def total(self):
        return sum(self.counts.values())


def find(query, group=None):
    """Matches of `query` in every source (of `group` when given), best first."""
    counts = defaultdict(int)
    hits = []
    for order, source in enumerate(registry.sources()):
        rows = list(
            source.matches(query)
            .order_by("-rank", "-pk")
            .values_list("pk", "rank")[:MAX_MATCHES_PER_SOURCE]
        )
        counts[source.group] += len(rows)
        if group in (None, "", source.group):
            hits += [(-(rank or 0), order, -pk, Hit(source.key, pk, rank)) for pk, rank in rows]
    hits.sort(key=lambda row: row[:3])
    return Found([row[3] for row in hits], dict(counts))


def paginate(found, number):
    return Paginator(found.hits, RESULTS_PER_PAGE).get_page(number)


def page_results(query, hits, request):
    """The `Result`s of `hits` (one page), in their order; a hit whose item has gone
    since the match (deleted, unpublished) is left out."""
    by_source = defaultdict(list)
    for hit in hits:
        by_source[hit.source].append(hit.pk)
    sources = {source.key: source for source in registry.sources()}
    read = {
        key: sources[key].results(query, pks, request)
        for key, pks in by_source.items()
        if key in sources
    }
    return [read[hit.source][hit.pk] for hit in hits if hit.pk in read.get(hit.source, {})]
