"""API of the glossary (django-ninja), mounted at /api/v1/glossary/ in engage/api.py.

- `GET /terms`: the agreed terms in a language (`?lang=`, `?q=` searches every language);
- `GET /terms/{term_key}`: one term with its wording in every language (the exchange
  item form: see `interchange.items.ITEM_SCHEMA`);
- `GET /check?text=…` and `POST /check` `{"text": …, "language": …}`: the discouraged
  terms in a text, with the preferred alternative and the reason (writers' help; it
  reads public data and writes nothing, so it needs no sign-in and no CSRF token).
"""

import rules
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from engage.apikit import PUBLIC_READ, request_language

from .checker import MAX_TEXT, find_discouraged
from .interchange.items import item_of
from .models import Term

router = Router(tags=["glossary"], auth=PUBLIC_READ)


class TermOut(Schema):
    key: str
    label: str
    definition: str
    usage_notes: str
    language: str = Field(description="The language of this wording.")
    agreed_in: str = Field(
        description="The language of the wording the partners agreed (empty: not agreed)."
    )
    status: str
    url: str


class MatchOut(Schema):
    found: str
    start: int
    end: int
    phrase: str
    preferred: str
    reason: str
    language: str
    term: str
    term_label: str


class CheckOut(Schema):
    matches: list[MatchOut]


class CheckIn(Schema):
    text: str = Field(max_length=MAX_TEXT)
    language: str = ""


def _term_out(term, language):
    wording = term.translation(language)
    return {
        "key": term.slug,
        "label": wording.label if wording else term.slug,
        "definition": wording.definition if wording else "",
        "usage_notes": wording.usage_notes if wording else "",
        "language": wording.language if wording else "",
        "agreed_in": wording.agreed_in if wording else "",
        "status": term.status,
        "url": term.get_absolute_url(),
    }


@router.get("/terms", response=list[TermOut], url_name="glossary_terms")
def list_terms(request, lang: str = "", q: str = Query("", max_length=100)):
    """The agreed terms, in `lang` (default: the request's language)."""
    language = request_language(request, lang or None)
    terms = Term.objects.agreed().with_wording().search(q).order_by("slug")
    return [_term_out(term, language) for term in terms]


@router.get("/terms/{term_key}", response=dict, url_name="glossary_term")
def get_term(request, term_key: str):
    """One term with its wording in every language."""
    term = get_object_or_404(Term.objects.with_wording(), slug=term_key)
    if not rules.test_rule("glossary.view_term", request.user, term):
        raise HttpError(404, "Not Found")
    return item_of(term)


def _check(request, text, language):
    if language:
        language = request_language(request, language)
    return {"matches": find_discouraged(text, language or None)}


@router.get("/check", response=CheckOut, auth=None, url_name="glossary_check")
def check_get(request, text: str = Query(..., max_length=MAX_TEXT), lang: str = ""):
    """Discouraged terms in `text` (in `lang` only, when given)."""
    return _check(request, text, lang)


@router.post("/check", response=CheckOut, auth=None)
def check_post(request, payload: CheckIn):
    """Discouraged terms in a longer text (the editors' scripts use this)."""
    return _check(request, payload.text, payload.language)
