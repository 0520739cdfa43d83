"""The public search page, `/<lang>/search/?q=…&type=…&page=…`."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from engage.ratelimit import RateLimited, check_rate, client_address, rate_limited_response

from . import registry
from .forms import SearchForm
from .query import SearchRequest
from .results import find, page_results, paginate

# Searches per network address (ENGAGE_RATE_LIMITS["search"]); only a valid query
# counts, so the empty form and a refused query cost nothing.
SEARCH_RATE = "search"


@require_GET
def search(request):
    """The form, and for a valid query the results of one kind or of all, a page at a
    time. Public content only, the same for everyone: nothing depends on who asks."""
    form = SearchForm(request.GET) if "q" in request.GET else SearchForm()
    context = {"form": form, "groups": registry.groups(), "searched": False}
    if form.is_bound and form.is_valid():
        try:
            check_rate(SEARCH_RATE, address=client_address(request))
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        query = SearchRequest(form.cleaned_data["q"], translation.get_language())
        group = form.cleaned_data["type"]
        found = find(query, group)
        page_obj = paginate(found, request.GET.get("page"))
        context.update(
            {
                "searched": True,
                "query": query.text,
                "group": group,
                "counts": [(item, found.counts.get(item.key, 0)) for item in context["groups"]],
                "total": found.total,
                "shown_count": page_obj.paginator.count,
                "page_obj": page_obj,
                "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
                "results": page_results(query, page_obj.object_list, request),
                "query_string": urlencode({"q": query.text}),
                "page_query": urlencode({"q": query.text, **({"type": group} if group else {})}),
            }
        )
    return render(request, "home_search/search.html", context)
