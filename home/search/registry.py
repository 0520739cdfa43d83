"""What the public search looks through: groups and sources that feature apps register.

A *group* is what a reader filters by (`?type=consultations`): a key, a translated
label and a place in the list. A *source* is one kind of thing inside a group (a
consultation page, a comment, a forum thread, a post, a fact-checked claim): two
callables that the search page calls for every query.

- `matches(query)` returns a queryset of the source's public items that match
  `query` (a `home.search.query.SearchRequest`), annotated with a float `rank`;
  `home.search.query.match` builds it from the item's texts on PostgreSQL and SQLite.
- `results(query, pks, request)` returns {pk: `Result`} for the few items on the
  shown page, with a highlighted snippet.

Feature apps register in their `AppConfig.ready()` (`consultations/search.py`,
`forums/search.py`); this package never imports them, as the moderation registry
never does. Only public content may be returned: live, unrestricted pages and
published resident content; `tests/search` checks it for every source.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_groups = {}
_sources = {}


@dataclass(frozen=True)
class Group:
    key: str
    label: object  # a lazy translation
    order: int = 100


@dataclass(frozen=True)
class Source:
    key: str
    group: str
    matches: Callable
    results: Callable
    order: int = 100


@dataclass
class Result:
    """One result as the page shows it.

    `snippet` is safe HTML (escaped text with `<mark>` around the matched words).
    `language` is the language the snippet is written in (the reader's, the English
    fallback, or a resident's own) and `title_language` the title's, so the page can
    set `lang` and `dir` on each.
    """

    title: str
    url: str
    snippet: str
    kind: str  # a translated label: "Consultation", "Comment", "Claim"…
    language: str = ""
    title_language: str = ""
    details: list = field(default_factory=list)  # short translated facts (status, verdict)
    date: object = None


def register_group(key, label, order=100):
    _groups[key] = Group(key, label, order)


def register_source(key, group, *, matches, results, order=100):
    """Register (or replace, so a reload registers once) the source `key` in `group`."""
    _sources[key] = Source(key, group, matches, results, order)


def groups():
    """Groups that have at least one source, in their order."""
    used = {source.group for source in _sources.values()}
    return sorted(
        (group for key, group in _groups.items() if key in used),
        key=lambda group: (group.order, group.key),
    )


def sources(group=None):
    """Registered sources (of one group when given), in their order."""
    chosen = [s for s in _sources.values() if group is None or s.group == group]
    return sorted(chosen, key=lambda source: (source.order, source.key))
