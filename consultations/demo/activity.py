"""Demo activity on the Northbridge consultations (consultations/demo/activity.yaml),
loaded by `manage.py seed_demo` after the consultations, their fictional participants
and the surveys: proposals, threaded comments in several languages (some awaiting
moderation), reactions, survey answers and a resident's report.

The rows are written as the services write them, with the participation ledger, the
moderation queue (`content_created`) and the models' signals (text analysis after
commit, the thread caches), but without the services' checks that a demo cannot pass
(the fictional participants have no verified address; the library consultation has
closed) and without their emails: nobody is made to follow, nobody is notified. The
report goes through `report_content`, as a resident's does. Dates are relative to
today, and the people who react or answer are drawn with fixed seeds.

Idempotent: a proposal is identified by its consultation and English title, a comment
by its consultation, author and text, a reaction or a survey response by its person.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.communities.importers import category_slug
from engage.communities.models import Action, Declaration
from engage.communities.scopes import Scope
from engage.communities.services import record_participation, record_participation_many
from engage.demo.activity import (
    People,
    language,
    posted_at,
    resident_text,
    status,
)
from engage.demo.data import read
from engage.moderation.models import ReportReason
from engage.moderation.services import content_created, report_content

from .. import thread_cache
from ..engagement.models import Reaction, ReactionValue
from ..models import MAX_COMMENT_DEPTH, Comment, CommentStatus, ConsultationPage, Proposal
from .activity_surveys import read_survey, seed_survey_answers

DATA_FILE = "activity.yaml"


@dataclass
class CommentPlan:
    """A comment as the data gives it, checked; `replies` are CommentPlans too."""

    node: object
    author: str
    language: str
    posted_at: datetime.datetime
    text: str
    html: str
    status: str
    reactions: dict
    reports: list
    replies: list = field(default_factory=list)


@dataclass
class ProposalPlan:
    node: object
    title_en: str
    fields: dict
    reactions: dict
    comments: list


def load_demo(data_dir, context):
    """Check the whole file first (a bad value saves nothing), then add what is missing."""
    data = read(data_dir, DATA_FILE)
    people = People(data["participant_email"])
    plans = [read_consultation(node, people) for node in data["consultations"].list()]
    people.resolve()
    for node, slug, proposals, survey in plans:
        page = ConsultationPage.objects.filter(slug=slug).first()
        if page is None:
            continue
        pool = reactor_pool(node["reactors"])
        draw = Draw(node["reactors"]["random_seed"].int(), pool)
        for proposal, plan in zip(seed_proposals(page, proposals, context), proposals, strict=True):
            seed_reactions(page, proposal, plan.node, plan.reactions, draw)
            for comment in plan.comments:
                seed_comment(page, proposal, None, comment, people, draw, context)
        save_reactions(page, draw, context)
        if survey is not None:
            seed_survey_answers(page, survey, draw, context)


def read_consultation(node, people):
    slug = node["consultation"].str()
    reactors = node["reactors"]
    reactors["from"].str()
    reactors["random_seed"].int()
    proposals = [read_proposal(item, people) for item in node["proposals"].list()]
    survey = read_survey(node["survey"]) if node.has("survey") else None
    return node, slug, proposals, survey


def read_proposal(node, people):
    fields = node["title"].translated("title")
    if node.has("body"):
        fields.update(node["body"].translated("body"))
    return ProposalPlan(
        node=node,
        title_en=fields["title"],
        fields=fields,
        reactions=read_reactions(node.get("reactions", {})),
        comments=[read_comment(item, people, depth=0) for item in node.get("comments", []).list()],
    )


def read_reactions(node):
    counts = {}
    for value, count in node.items():
        if value not in ReactionValue.values:
            raise count.error(
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": value, "choices": ", ".join(ReactionValue.values)}
            )
        counts[value] = count.int()
    return counts


def read_comment(node, people, depth, after=None):
    if depth > MAX_COMMENT_DEPTH:
        raise node.error(_("replies can only go three levels deep"))
    text, html = resident_text(node["text"])
    moment = posted_at(node, after)
    initial = status(node)
    if initial == CommentStatus.PENDING and node.has("replies"):
        raise node["replies"].error(_("a comment awaiting moderation cannot have replies yet"))
    reports = [
        (
            people.email(report["by"]),
            report["reason"].choice(ReportReason),
            report.get("note", "").value or "",
            report,
        )
        for report in node.get("reports", []).list()
    ]
    return CommentPlan(
        node=node,
        author=people.email(node["author"]),
        language=language(node["language"]),
        posted_at=moment,
        text=text,
        html=html,
        status=initial,
        reactions=read_reactions(node.get("reactions", {})),
        reports=reports,
        replies=[
            read_comment(item, people, depth + 1, moment) for item in node.get("replies", []).list()
        ],
    )


def seed_proposals(page, plans, context):
    """The consultation's proposals in the order of the data; missing ones are added to
    the page and published as a new revision (so the page editor keeps them)."""
    existing = {proposal.title_en: proposal for proposal in page.proposals.all()}
    missing = [plan for plan in plans if plan.title_en not in existing]
    if missing:
        start = len(existing)
        for order, plan in enumerate(missing, start=start):
            page.proposals.add(Proposal(sort_order=order, **plan.fields))
            context.note(True, "proposal", plan.title_en)
        page.save_revision().publish()
        existing = {proposal.title_en: proposal for proposal in Proposal.objects.filter(page=page)}
    return [existing[plan.title_en] for plan in plans]


def reactor_pool(node):
    """The people who react and answer: accounts whose email ends with `from`, by id,
    only those who declared one of `declared` when given."""
    people = User.objects.filter(email__endswith=node["from"].str(), is_active=True)
    for dimension, names in node.get("declared", {}).items():
        slugs = [category_slug(name) for name in names.strings()]
        people = people.filter(
            pk__in=Declaration.objects.filter(
                dimension__slug=dimension, category__slug__in=slugs
            ).values("user_id")
        )
    return list(people.order_by("pk"))


class Draw:
    """Deterministic draws of people from a pool: the same key gives the same people."""

    def __init__(self, seed, pool):
        self.seed, self.pool = seed, pool
        self.reactions, self.ledger = [], []

    def people(self, key, count, node, exclude=None):
        candidates = [user for user in self.pool if user.pk != exclude]
        if count > len(candidates):
            raise node.error(
                _("%(count)s people are needed, but only %(available)s are in the pool")
                % {"count": count, "available": len(candidates)}
            )
        return random.Random(f"{self.seed}:{key}").sample(candidates, count)  # noqa: S311


def scopes_of(page, proposal):
    return [Scope.of("consultation", page.pk), Scope.of("proposal", proposal.pk)]


def seed_reactions(page, target, node, counts, draw, exclude=None, since=None):
    """`counts` reactions to `target` (a Proposal or a Comment) from people of the pool,
    gathered in `draw.reactions` for `save_reactions`; people who reacted are skipped."""
    if not counts:
        return
    field_name = "proposal" if isinstance(target, Proposal) else "comment"
    proposal = target if field_name == "proposal" else target.proposal
    values = [value for value, count in counts.items() for _n in range(count)]
    people = draw.people(f"{field_name}:{target.pk}", len(values), node, exclude=exclude)
    done = set(Reaction.objects.filter(**{field_name: target}).values_list("user_id", flat=True))
    start = since or page.opens_at
    span = max((min(timezone.now(), page.closes_at) - start).total_seconds(), 60)
    order = random.Random(f"{draw.seed}:when:{target.pk}")  # noqa: S311
    for person, value in zip(people, values, strict=True):
        moment = start + datetime.timedelta(seconds=order.uniform(30, span))
        if person.pk in done:
            continue
        draw.reactions.append(
            Reaction(
                user=person,
                consultation=page,
                value=value,
                created_at=moment,
                updated_at=moment,
                **{field_name: target},
            )
        )
        draw.ledger.append((person, scopes_of(page, proposal)))


def save_reactions(page, draw, context):
    """The gathered reactions in one INSERT, with their ledger rows; the consultation's
    cached threads are dropped as each reaction's `post_save` would drop them."""
    if not draw.reactions:
        return
    Reaction.objects.bulk_create(draw.reactions)
    record_participation_many(Action.REACTED, draw.ledger, area=page.area)
    thread_cache.invalidate(page.pk, thread_cache.REACTIONS)
    context.note(True, "reactions", f"{len(draw.reactions)} in {page.title}")
    draw.reactions, draw.ledger = [], []


def seed_comment(page, proposal, parent, plan, people, draw, context):
    """The comment (created unless the same author wrote the same text here), its
    reactions, reports and replies."""
    author = people[plan.author]
    comment = Comment.objects.filter(consultation=page, author=author, body_text=plan.text).first()
    if comment is None:
        comment = Comment.objects.create(
            consultation=page,
            proposal=proposal,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            author=author,
            body_text=plan.text,
            body_html=plan.html,
            language=plan.language,
            status=plan.status,
            created_at=plan.posted_at,
        )
        record_participation(author, Action.COMMENTED, *scopes_of(page, proposal), area=page.area)
        content_created(comment)
        context.note(True, "comment", f"{plan.language}: {plan.text[:40]}")
    if comment.status == CommentStatus.PUBLISHED:
        seed_reactions(
            page,
            comment,
            plan.node,
            plan.reactions,
            draw,
            exclude=author.pk,
            since=comment.created_at,
        )
        for email, reason, note, node in plan.reports:
            try:
                report = report_content(people[email], comment, reason, note)
            except (PermissionDenied, ValidationError) as error:
                raise node.error(" ".join(getattr(error, "messages", [str(error)]))) from None
            context.note(not report.already_reported, "report", f"{reason} on {comment}")
    for reply in plan.replies:
        seed_comment(page, proposal, comment, reply, people, draw, context)
