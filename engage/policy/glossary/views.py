"""The public glossary (A–Z, search, term pages, revisions) and the partners' review.

Reads go through `Term.objects` querysets and permissions through `rules.py`; writes
through `services`.
"""

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import services
from .agreement import agreement_share, tally
from .collation import index_letter, sort_key
from .forms import DecisionForm
from .models import Decision, Endorsement, Term, TermStatus
from .rules import organisations_of
from .snapshots import diff, language_name

MAX_QUERY = 100


def _language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _entry(term, language):
    """What a list shows of a term, in `language` (or its fallback, marked)."""
    wording = term.translation(language)
    return {
        "term": term,
        "wording": wording,
        "label": wording.label if wording else term.slug,
        "fallback": wording is not None and wording.language != language,
    }


def index(request):
    """A–Z of the agreed (and retired) terms in the reader's language, with search."""
    language = _language()
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    letter = request.GET.get("letter", "").strip()[:1].upper()
    terms = Term.objects.public().with_wording()
    if query:
        terms = terms.search(query)
    entries = sorted(
        (_entry(term, language) for term in terms),
        key=lambda e: sort_key(e["label"], language),
    )
    letters = sorted(
        {index_letter(entry["label"], language) for entry in entries},
        key=lambda item: sort_key(item, language),
    )
    if letter:
        entries = [e for e in entries if index_letter(e["label"], language) == letter]
    groups = {}
    for entry in entries:
        groups.setdefault(index_letter(entry["label"], language), []).append(entry)
    return render(
        request,
        "glossary/index.html",
        {
            "groups": list(groups.items()),  # in the entries' alphabetical order
            "letters": letters,
            "letter": letter,
            "query": query,
            "count": len(entries),
            "language_name": language_name(language),
            "may_review": rules.test_rule("glossary.view_review", request.user),
        },
    )


def _term_for(request, term_slug):
    term = get_object_or_404(Term.objects.with_wording(), slug=term_slug)
    if not rules.test_rule("glossary.view_term", request.user, term):
        raise Http404
    return term


def _wordings(term):
    return [
        {
            "wording": item,
            "language_name": language_name(item.language),
            "agreed_in_name": language_name(item.agreed_in) if item.agreed_in else "",
        }
        for item in sorted(term.translations.all(), key=lambda item: item.language)
    ]


def term_detail(request, term_slug):
    """One term: its definition in the reader's language, its wording in every
    language with the language each was agreed in, discouraged terms, sources."""
    term = _term_for(request, term_slug)
    language = _language()
    wording = term.translation(language)
    discouraged = sorted(
        term.discouraged.all(), key=lambda item: (item.language != language, item.language)
    )
    related = [_entry(other, language) for other in term.related_terms.all() if other.is_public]
    related += [
        _entry(other, language)
        for other in Term.objects.public().with_wording().filter(related_terms=term)
        if other not in term.related_terms.all()
    ]
    endorsed_by = (
        Endorsement.objects.filter(term=term, revision=term.revision, decision=Decision.ENDORSE)
        .select_related("organisation")
        .order_by("organisation__name")
        if term.status == TermStatus.AGREED
        else []
    )
    return render(
        request,
        "glossary/term.html",
        {
            "term": term,
            "wording": wording,
            "fallback": wording is not None and wording.language != language,
            "wording_language_name": language_name(wording.language) if wording else "",
            "wordings": _wordings(term),
            "discouraged": discouraged,
            "sources": list(term.sources.all()),
            "related": sorted(related, key=lambda e: e["label"].casefold()),
            "endorsed_by": [item.organisation for item in endorsed_by],
            "may_review": rules.test_rule("glossary.view_review", request.user, term),
        },
    )


def revisions(request, term_slug):
    """Every revision of a term with what changed from the one before."""
    term = _term_for(request, term_slug)
    items = list(term.revisions.select_related("created_by").order_by("number"))
    shown, before = [], {}
    for revision in items:
        shown.append({"revision": revision, "changes": diff(before, revision.snapshot)})
        before = revision.snapshot
    shown.reverse()
    return render(
        request,
        "glossary/revisions.html",
        {
            "term": term,
            "label": term.label(_language()),
            "revisions": shown,
            "show_authors": rules.test_rule("glossary.view_review", request.user, term),
        },
    )


@never_cache
@login_required
def review_list(request):
    """Terms under review (and, for staff, proposed ones) with the user's decisions."""
    if not rules.test_rule("glossary.view_review", request.user):
        raise PermissionDenied
    language = _language()
    may_manage = rules.test_rule("glossary.manage", request.user)
    statuses = [TermStatus.UNDER_REVIEW] + ([TermStatus.PROPOSED] if may_manage else [])
    terms = Term.objects.filter(status__in=statuses).with_wording().order_by("status", "slug")
    organisations = list(organisations_of(request.user))
    mine = {}
    for item in Endorsement.objects.filter(organisation__in=organisations, term__in=terms):
        mine.setdefault(item.term_id, {})[item.revision] = item
    entries = []
    for term in terms:
        entry = _entry(term, language)
        entry["tally"] = tally(term) if term.status == TermStatus.UNDER_REVIEW else None
        entry["my_decision"] = mine.get(term.pk, {}).get(term.revision)
        entries.append(entry)
    return render(
        request,
        "glossary/review_list.html",
        {"entries": entries, "may_manage": may_manage, "share": agreement_share()},
    )


@never_cache
@login_required
def review(request, term_slug):
    """The review page of a term: its wording, the partners' decisions on the current
    revision, the decision form (partner members) and the workflow buttons (staff)."""
    term = get_object_or_404(Term.objects.with_wording(), slug=term_slug)
    if not rules.test_rule("glossary.view_review", request.user, term):
        raise PermissionDenied
    may_decide = rules.test_rule("glossary.review", request.user, term)
    organisations = organisations_of(request.user)
    form = DecisionForm(organisations=organisations)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied
        form = DecisionForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                services.decide(
                    term,
                    member=request.user,
                    organisation=form.cleaned_data["organisation"],
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                term.refresh_from_db()
                if term.status == TermStatus.AGREED:
                    messages.success(
                        request, _("Thank you: with your decision the term is agreed.")
                    )
                else:
                    messages.success(
                        request, _("Thank you: your organisation’s decision is recorded.")
                    )
                return redirect("glossary:review", term_slug=term.slug)
    decisions = (
        Endorsement.objects.filter(term=term, revision=term.revision)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(
        request,
        "glossary/review.html",
        {
            "term": term,
            "label": term.label(_language()),
            "wordings": _wordings(term),
            "discouraged": list(term.discouraged.all()),
            "tally": tally(term),
            "share": agreement_share(),
            "decisions": decisions,
            "form": form,
            "may_decide": may_decide,
            "may_manage": rules.test_rule("glossary.manage", request.user),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


TRANSITIONS = {
    "start-review": (
        services.start_review,
        gettext_lazy("The term is now under review by the partners."),
    ),
    "return": (
        services.return_to_proposed,
        gettext_lazy("The term is proposed again; its review stopped."),
    ),
    "retire": (
        services.retire,
        gettext_lazy("The term is retired: it stays in the glossary, marked retired."),
    ),
    "restore": (services.restore, gettext_lazy("The term is proposed again.")),
}


@require_POST
@login_required
def transition(request, term_slug, transition):
    """Staff move a term through the workflow."""
    if not rules.test_rule("glossary.manage", request.user):
        raise PermissionDenied
    term = get_object_or_404(Term, slug=term_slug)
    if transition not in TRANSITIONS:
        raise Http404
    service, done = TRANSITIONS[transition]
    try:
        service(term, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("glossary:review", term_slug=term.slug)
