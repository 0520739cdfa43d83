"""The demo glossary (engage/policy/glossary/demo/terms.yaml), loaded by
`manage.py seed_demo` after the partner organisations exist (engage/demo/northbridge.py):
terms in English, Arabic, French, Polish, Somali and Urdu with discouraged terms; most
are sent for review by the demo staff account and endorsed by every demo partner
organisation (through its first member) until agreed; one is under review with an
objection; one is only proposed; one translation is added after agreement, to show a
wording "translated from the wording agreed in English".

Idempotent: a term whose key exists is left as it is.
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.demo.data import DemoContext, read
from engage.policy.models import PartnerOrganisation

from .. import services
from ..models import Decision, Term, TermStatus, TermTranslation

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "terms.yaml"
OUTCOMES = ("agreed", "under_review", "proposed")


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    nodes = data.get("terms", []).list()
    made = [seed_term(node, context) for node in nodes]
    for term, node in zip(made, nodes, strict=True):
        if term is not None:
            services.link_related(term, node.get("related", []).strings())
    for term, node in zip(made, nodes, strict=True):
        if term is not None:
            decide_demo(term, node)


def seed(note=None):
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def _wording(node):
    result = {}
    for code, item in node.items():
        result[code] = {
            "label": item["label"].str(),
            "definition": item["definition"].str(),
            "usage_notes": item.get("usage_notes", "").value or "",
            "variants": item.get("variants", []).strings(),
        }
    return result


@transaction.atomic
def seed_term(node, context):
    key = node["key"].str()
    if Term.objects.filter(slug=key).exists():
        return None
    outcome = node.get("outcome", "agreed").str()
    if outcome not in OUTCOMES:
        raise node["outcome"].error(_("expected agreed, under_review or proposed"))
    data = {
        "key": key,
        "source_language": node.get("source_language", "en").str(),
        "translations": _wording(node["wording"]),
        "discouraged": [
            {
                "language": item["language"].str(),
                "phrase": item["phrase"].str(),
                "preferred": item["preferred"].str(),
                "reason": item["reason"].str(),
            }
            for item in node.get("discouraged", []).list()
        ],
        "sources": [
            {"title": item["title"].str(), "url": item["url"].str()}
            for item in node.get("sources", []).list()
        ],
    }
    term = services.create_term(data, by=_staff())
    context.note(True, "glossary term", key)
    return term


def _staff():
    return User.objects.filter(email="staff@example.org").first()


def _deciders():
    """(organisation, member) of each active partner organisation that has a member."""
    for organisation in PartnerOrganisation.objects.filter(is_active=True).order_by("pk"):
        membership = organisation.memberships.select_related("user").order_by("pk").first()
        if membership is not None:
            yield organisation, membership.user


@transaction.atomic
def decide_demo(term, node):
    outcome = node.get("outcome", "agreed").str()
    if outcome == "proposed":
        return
    term = services.start_review(term, by=_staff())
    deciders = list(_deciders())
    if outcome == "under_review":
        if deciders:
            organisation, member = deciders[0]
            services.decide(
                term,
                member=member,
                organisation=organisation,
                decision=Decision.OBJECT,
                comment=node.get("objection", "").str(),
            )
        return
    for organisation, member in deciders:
        term.refresh_from_db()
        if term.status != TermStatus.UNDER_REVIEW:
            break
        services.decide(term, member=member, organisation=organisation, decision=Decision.ENDORSE)
    term.refresh_from_db()
    later = node.get("added_after_agreement", {})
    if term.status == TermStatus.AGREED and later.value:
        for code, wording in _wording(later).items():
            TermTranslation.objects.create(
                term=term,
                language=code,
                label=wording["label"],
                definition=wording["definition"],
                usage_notes=wording["usage_notes"],
                variants="\n".join(wording["variants"]),
            )
        services.record_edit(term, by=_staff(), note="Somali translation")
