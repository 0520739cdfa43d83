"""Public search (/<lang>/search/ and GET /api/v1/search, issue #18 item 7): everyone's.

What a search may find (no drafts, no private pages, no pending, hidden or withdrawn
content) is checked in tests/search/; here every identity gets the page and the API.
"""

from tests.security.matrix import EVERYONE, PUBLIC, get

ROUTES = {
    "home_search:search": PUBLIC,
}


def api_ops(world):
    return {
        "GET /api/v1/search": get(EVERYONE, query={"q": "park"}),
    }
