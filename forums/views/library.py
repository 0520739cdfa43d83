"""The myths and facts library: published claims and their verdicts, filterable."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse

from ..library import LibraryFilters, library_claims
from ..models import ThreadKind
from .common import viewable_forum


def library(request, forum_id=None):
    """Claims and their verdicts, city-wide or in one forum: search and filters."""
    forum = viewable_forum(request, forum_id) if forum_id is not None else None
    filters = LibraryFilters.from_query(request.GET, forum=forum)
    claims = library_claims(request.user, filters)
    page_obj = Paginator(claims, 20).get_page(request.GET.get("page"))
    query = filters.querystring()
    return TemplateResponse(
        request,
        "forums/library.html",
        {
            "forum": forum,
            "page": forum,
            "filters": filters,
            "claims": page_obj.object_list,
            "page_obj": page_obj,
            "query": query,
            "library_url": reverse("forums:forum_library", kwargs={"forum_id": forum.pk})
            if forum
            else reverse("forums:library"),
            "thread_kinds": ThreadKind,
        },
    )
