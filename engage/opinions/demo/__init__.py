"""The demo opinion map (engage/opinions/demo/opinions.yaml), loaded by
`manage.py seed_demo`: a map on a Northbridge consultation, seed statements in several
languages, fictional voters whose deterministic votes form clear opinion groups, and a
computed snapshot. Idempotent: a consultation that already has a map is left as it is
(it only gets a snapshot if it has none).

A shared app never imports a feature: the consultation is found through Wagtail's page
tree and the scope registry (`engage.communities.scopes`).
"""

import random
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from engage.accounts.models import User
from engage.communities.scopes import scope_kind
from engage.demo.data import DemoContext, read
from engage.moderation.content import ContentStatus

from ..models import MapStatus, OpinionMap, Participant, Statement, StatementState, Vote
from ..services import clean_statement_text
from ..tasks import store_snapshot

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "opinions.yaml"
VALUES = {"agree": 1, "disagree": -1, "pass": 0}


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    for node in data.get("maps", []).list():
        seed_map(node, context)


def seed(note=None):
    """Load this app's own data file; `note(created, kind, label)` reports."""
    context = DemoContext()
    if note is not None:
        context.note = note
    load_demo(DATA_DIR, context)


def consultation_scope(slug):
    """`consultation:<id>` of the demo consultation with this slug, or None."""
    kind = scope_kind("consultation")
    if kind is None:
        return None
    for pk in Page.objects.filter(slug=slug).values_list("pk", flat=True):
        if kind.get(pk) is not None:
            return f"consultation:{pk}"
    return None


def fill_translations(opinion_map, texts):
    """Give an existing map its title and question in the languages it has none in yet
    (a map seeded before they were translated; an edited text is kept)."""
    changed = [
        name
        for name, text in texts.items()
        if name not in ("title", "question") and text and not getattr(opinion_map, name)
    ]
    for name in changed:
        setattr(opinion_map, name, texts[name])
    if changed:
        opinion_map.save(update_fields=changed)


def seed_map(node, context):
    scope = consultation_scope(node["consultation"].str())
    if scope is None:
        return
    texts = {**node["title"].translated("title"), **node["question"].translated("question")}
    existing = OpinionMap.objects.filter(scope=scope).first()
    if existing is not None:
        fill_translations(existing, texts)
        if not existing.snapshots.exists():
            store_snapshot(existing)
            context.note(True, "opinion map snapshot", existing.title)
        return
    author = User.objects.filter(email=node["author"].str()).first()
    if author is None:
        raise node["author"].error(_("no such account"))
    camps = {name: weight.number() for name, weight in node["camps"].items()}
    statements = [
        (item["text"].str(), item["language"].str(), _stances(item["stance"], camps))
        for item in node["statements"].list()
    ]
    with transaction.atomic():
        opinion_map = OpinionMap.objects.create(
            scope=scope,
            **texts,
            seed=node["seed"].int(),
            status=MapStatus.OPEN,
        )
        # Written as `services.add_seed_statements` does, with the language the file
        # gives instead of detecting it (the texts are known, and detection is slow).
        by_text = {}
        for text, language, _stance in statements:
            clean, html = clean_statement_text(text)
            by_text[text] = Statement.objects.create(
                map=opinion_map,
                author=author,
                text=clean,
                body_html=html,
                language=language,
                is_seed=True,
                status=ContentStatus.PUBLISHED,
                state=StatementState.ACCEPTED,
            )
        voters = _voters(opinion_map, node["voters"])
        _vote(voters, [(by_text[t], s) for t, _l, s in statements], camps, node["voters"])
    store_snapshot(opinion_map)
    context.note(True, "opinion map", f"{opinion_map.title} ({len(voters)} voters)")


def _stances(node, camps):
    stance = {}
    for camp, value in node.items():
        if camp not in camps:
            raise value.error(_("no camp “%(camp)s”") % {"camp": camp})
        stance[camp] = value.choice(VALUES)
    return stance


def _voters(opinion_map, node):
    count = node["count"].int()
    users = list(User.objects.filter(email__endswith=node["from"].str()).order_by("pk")[:count])
    if users:
        rows = [Participant(map=opinion_map, user=user) for user in users]
    else:
        rows = [
            Participant(map=opinion_map, external_id=f"demo-voter-{n}") for n in range(1, count + 1)
        ]
    Participant.objects.bulk_create(rows)
    return list(Participant.objects.filter(map=opinion_map).order_by("pk"))


def _vote(voters, statements, camps, node):
    draw = random.Random(node["random_seed"].int())  # noqa: S311 - demo data, not security
    vote_rate, follow_rate = node["vote_rate"].fraction(), node["follow_rate"].fraction()
    names, weights = list(camps), list(camps.values())
    votes = []
    for voter in voters:
        camp = draw.choices(names, weights)[0]
        for statement, stance in statements:
            if draw.random() >= vote_rate:
                continue
            value = stance.get(camp, 0)
            if draw.random() >= follow_rate:
                value = draw.choice([0, -value]) if value else draw.choice([1, -1])
            votes.append(Vote(participant=voter, statement=statement, value=value))
    Vote.objects.bulk_create(votes)
