"""Matching, ranking and highlighting for the public search, on PostgreSQL and SQLite.

On PostgreSQL a source's texts become a weighted `tsvector` in the text search
configuration of the reader's language (or, for resident content, of the language it
was written in), matched with `websearch_to_tsquery` (quotes, `or`, `-word`), ranked
with `ts_rank` and highlighted with `ts_headline`. Languages PostgreSQL has no
configuration for (Urdu, Somali, Polish) use `simple`: no stemming, every word counts.
Vectors are computed at query time (no index, no migration): enough for a city's
consultations and forums; docs/search.md says what to add when it is not.

The embedded SQLite database (`make demo`) has no full-text search: there every word
must appear in one of the texts (case-insensitive `LIKE`), results come newest first,
and the snippet is cut around the first match in Python.

Highlighted snippets are built so user text can never become markup: PostgreSQL marks
matches with two private-use characters, the text is escaped, and only then are the
marks replaced with `<mark>` and `</mark>`.
"""

import functools
import html
import operator
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection, models
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Limits of what a reader may type, and of the work one search does.
MAX_QUERY_LENGTH = 200
MAX_MATCHES_PER_SOURCE = 500
RESULTS_PER_PAGE = 20
SNIPPET_WORDS = 30

# PostgreSQL's built-in text search configurations for the site's languages; the
# others (pl, so, ur) have none and use "simple".
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "nl": "dutch",
    "tr": "turkish",
}
SIMPLE = "simple"

START, STOP = "\ue000", "\ue001"
TEXT = models.TextField()


def text_search_config(language):
    """PostgreSQL's text search configuration for `language` ("simple" if none)."""
    return TEXT_SEARCH_CONFIGS.get(language, SIMPLE)


def config_of(language_field):
    """The configuration of each row's own language (`language_field`), for resident
    content that keeps the language it was written in."""
    return models.Case(
        *[
            models.When(**{language_field: code}, then=models.Value(config))
            for code, config in TEXT_SEARCH_CONFIGS.items()
        ],
        default=models.Value(SIMPLE),
        output_field=models.TextField(),
    )


class _StreamStrings(models.Func):
    """Every string `value` in a StreamField's JSON as one text: the first column
    unless it is empty (`[]` or NULL), else the second (the default language's)."""

    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        compiled = [compiler.compile(expression) for expression in self.get_source_expressions()]
        (chosen, chosen_params), (default, default_params), (path, path_params) = compiled
        sql = (
            f"jsonb_path_query_array(COALESCE(NULLIF({chosen}::jsonb, '[]'::jsonb), "
            f"{default}::jsonb), {path}::jsonpath)::text"
        )
        return sql, (*chosen_params, *default_params, *path_params)


@dataclass
class SearchRequest:
    """One search: the text as typed (already checked by the form) and the reader's
    language."""

    text: str
    language: str

    @functools.cached_property
    def _restricted_paths(self):
        from wagtail.models import PageViewRestriction

        return list(PageViewRestriction.objects.values_list("page__path", flat=True))

    def restricted(self, page_field=""):
        """A condition true for rows whose page (`page_field`, e.g. "forum__"; the
        row itself when empty) is at or below a Wagtail view restriction of any kind:
        the public search shows what anyone may see, so every restricted page is left
        out. The restrictions are read once per search."""
        condition = models.Q(pk__in=[])
        for path in self._restricted_paths:
            condition |= models.Q(**{f"{page_field}path__startswith": path})
        return condition

    @property
    def words(self):
        return [word.strip('"') for word in self.text.split() if word.strip('"-')]

    @property
    def config(self):
        return text_search_config(self.language)

    @property
    def postgres(self):
        return connection.vendor == "postgresql"

    def translated(self, field):
        """`field` in the reader's language, falling back to the default language
        (wagtail-modeltranslation's `<field>_<lang>` columns), as the page shows it."""
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        columns = [self.language, default] if self.language != default else [default]
        return Coalesce(
            *[
                NullIf(models.F(f"{field}_{code}"), models.Value(""), output_field=TEXT)
                for code in columns
            ],
            models.Value(""),
            output_field=models.TextField(),
        )

    def plain(self, expression):
        """Rich text without its tags (on PostgreSQL; SQLite matches the HTML as is)."""
        if not self.postgres:
            return expression
        return models.Func(
            expression,
            models.Value("<[^>]*>"),
            models.Value(" "),
            models.Value("g"),
            function="regexp_replace",
            output_field=models.TextField(),
        )

    def stream_text(self, field):
        """The text of a translated StreamField (every string `value` in its JSON, in
        the reader's language or else the default one), for matching only; PostgreSQL
        only (None on SQLite)."""
        if not self.postgres:
            return None
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        return self.plain(
            _StreamStrings(
                models.F(f"{field}_{self.language}"),
                models.F(f"{field}_{default}"),
                models.Value('strict $.**.value ? (@.type() == "string")'),
            )
        )

    def query(self, config=None):
        return SearchQuery(self.text, search_type="websearch", config=config or self.config)


@dataclass(frozen=True)
class Text:
    """One text of a source and its weight in the rank ("A" counts most, "D" least)."""

    expression: object
    weight: str = "B"


def match(queryset, query, texts, config=None):
    """`queryset` narrowed to the rows whose `texts` match `query`, annotated with
    `rank`. `config` is the text search configuration (an expression for per-row
    languages); the reader's language by default. Texts that are None are skipped."""
    texts = [text for text in texts if text.expression is not None]
    if query.postgres:
        config = config if config is not None else query.config
        vector = functools.reduce(
            operator.add,
            [SearchVector(text.expression, weight=text.weight, config=config) for text in texts],
        )
        search_query = query.query(config)
        return (
            queryset.annotate(search_document=vector)
            .filter(search_document=search_query)
            .annotate(rank=SearchRank(models.F("search_document"), search_query))
        )
    aliases = {f"search_text_{number}": text.expression for number, text in enumerate(texts)}
    queryset = queryset.alias(**aliases)
    for word in query.words:
        anywhere = functools.reduce(
            operator.or_, [models.Q(**{f"{name}__icontains": word}) for name in aliases]
        )
        queryset = queryset.filter(anywhere)
    return queryset.annotate(rank=models.Value(1.0, output_field=models.FloatField()))


def with_snippet(queryset, query, expression, config=None, name="snippet"):
    """Annotate `name`: `expression` with the matched words marked (PostgreSQL) or as
    it is (SQLite; `highlight()` cuts and marks it)."""
    if not query.postgres:
        return queryset.annotate(**{name: expression})
    config = config if config is not None else query.config
    return queryset.annotate(
        **{
            name: SearchHeadline(
                expression,
                query.query(config),
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        }
    )


def joined(*expressions):
    """Texts joined with spaces (empty ones allowed, None ones left out), for one
    snippet over several."""
    parts = []
    for expression in filter(lambda expression: expression is not None, expressions):
        parts += [
            Coalesce(expression, models.Value(""), output_field=TEXT),
            models.Value(" ", TEXT),
        ]
    return Concat(*parts, output_field=models.TextField())


def highlight(query, text, *, from_html=False):
    """Safe HTML of an annotated snippet: escaped text, matches in `<mark>`.

    `from_html` says the text was rich text (its tags already dropped on PostgreSQL):
    its entities are decoded before escaping, so "&amp;" shows as "&"."""
    text = text or ""
    if from_html:
        text = html.unescape(strip_tags(text))
    if query.postgres:
        if text.count(START) != text.count(STOP):  # a reader typed the marks themselves
            text = text.replace(START, "").replace(STOP, "")
        marked = escape(" ".join(text.split()))
        return mark_safe(marked.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above
    return _python_highlight(query, " ".join(text.split()))


def _python_highlight(query, text):
    words = [word for word in query.words if word]
    if not words:
        return escape(Truncator(text).words(SNIPPET_WORDS))
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    if first and first.start() > 80:
        cut = text.rfind(" ", 0, first.start() - 60)
        text = "… " + text[cut + 1 :]
    text = Truncator(text).words(SNIPPET_WORDS)
    parts, last = [], 0
    for found in pattern.finditer(text):
        parts += [escape(text[last : found.start()]), "<mark>", escape(found.group()), "</mark>"]
        last = found.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped
