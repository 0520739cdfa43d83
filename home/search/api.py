"""API of the public search (django-ninja), mounted in engage/api.py: `GET /api/v1/search`.

The same search as the page at /<lang>/search/ (`home.search.results`), public content
only and the same for everyone; `?lang=` (or Accept-Language) picks the language of
titles, snippets and links.
"""

from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from engage.apikit import MAX_PAGE, PUBLIC_READ, request_language
from engage.ratelimit import check_rate, client_address

from . import registry
from .forms import SearchForm
from .query import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, SearchRequest
from .results import find, page_results, paginate
from .views import SEARCH_RATE

router = Router(tags=["search"], auth=PUBLIC_READ)


class ResultOut(Schema):
    kind: str = Field(description="What it is, in the answer's language.")
    title: str
    url: str
    snippet_html: str = Field(
        description="Escaped text with the matched words in <mark>; safe to insert as HTML."
    )
    language: str = Field(description="The language of the snippet.")
    title_language: str
    details: list[str]
    date: str | None = None


class GroupCountOut(Schema):
    type: str
    label: str
    count: int


class SearchOut(Schema):
    query: str
    count: int
    page: int
    page_size: int
    types: list[GroupCountOut]
    items: list[ResultOut]


@router.get("", response=SearchOut, url_name="search")
def search(
    request,
    q: str = Query(..., max_length=MAX_QUERY_LENGTH, description="The words to look for."),
    type: str = Query("", description="One kind only: consultations, forums or myths."),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    lang: str = "",
):
    """Published consultations, comments, forum threads and posts, and fact-checked
    claims matching `q`, best first, `page_size` a page."""
    language = request_language(request, lang or None)
    with translation.override(language):
        form = SearchForm({"q": q, "type": type})
        if not form.is_valid():
            raise HttpError(400, " ".join(form.errors.get("q", [])))
        # The page's limit; a RateLimited answers 429 (engage/api.py).
        check_rate(SEARCH_RATE, address=client_address(request))
        query = SearchRequest(form.cleaned_data["q"], language)
        group = form.cleaned_data["type"]
        found = find(query, group)
        page_obj = paginate(found, page)
        items = (
            page_results(query, page_obj.object_list, request) if page_obj.number == page else []
        )
        return {
            "query": query.text,
            "count": page_obj.paginator.count,
            "page": page,
            "page_size": RESULTS_PER_PAGE,
            "types": [
                {"type": item.key, "label": str(item.label), "count": found.counts.get(item.key, 0)}
                for item in registry.groups()
            ],
            "items": [
                {
                    "kind": str(result.kind),
                    "title": str(result.title),
                    "url": result.url,
                    "snippet_html": str(result.snippet),
                    "language": result.language,
                    "title_language": result.title_language,
                    "details": [str(detail) for detail in result.details],
                    "date": result.date.isoformat() if result.date else None,
                }
                for result in items
            ],
        }
