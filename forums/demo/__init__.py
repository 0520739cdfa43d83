"""Demo forums of the Northbridge demo city (forums/demo/forums.yaml), loaded by
`manage.py seed_demo`: the forum index and forum pages, their topics, and claims with a
published fact-check (written by one account, reviewed by another) and replies.

Idempotent: run it again and nothing is duplicated. The rows are written directly, as
published demo content, rather than through the services (which would rate-limit and
pre-moderate new accounts); the participation ledger is still recorded.
"""

from pathlib import Path

from django.utils import timezone

from engage.accounts.models import User
from engage.communities.models import Action
from engage.communities.services import record_participation
from engage.demo.data import DemoContext, read
from engage.demo.pages import child_page, page_content
from engage.moderation.content import ContentStatus
from engage.moderation.sanitise import sanitise
from home.demo import index_page_under_home

from ..models import (
    FactCheck,
    FactCheckRevision,
    ForumIndexPage,
    ForumPage,
    GuidelinesAcceptance,
    Post,
    Thread,
    ThreadKind,
    Topic,
    Verdict,
)
from ..services import body_hash, forum_scope

DATA_DIR = Path(__file__).resolve().parent
DATA_FILE = "forums.yaml"


def load_demo(data_dir, context):
    """The forum pages, then their content."""
    data = read(data_dir, DATA_FILE)
    index = index_page_under_home(data, ForumIndexPage, context)
    for node in data["forums"].list():
        child_page(index, ForumPage, node["slug"].str(), page_content(node), context)
    seed_content(data, context)


def seed(note=None):
    """Add the demo forum content (not the pages) if it is missing; `note(created, kind,
    label)` reports what was created."""
    context = DemoContext()
    if note is not None:
        context.note = note
    seed_content(read(DATA_DIR, DATA_FILE), context)


def seed_content(data, context):
    for node in data["forums"].list():
        forum = ForumPage.objects.filter(slug=node["slug"].str()).first()
        if forum is None:
            continue
        for order, topic in enumerate(node.get("topics", []).list()):
            names = topic["name"].translated("name")
            _topic, created = Topic.objects.get_or_create(
                forum=forum, slug=topic["slug"].str(), defaults={**names, "sort_order": order}
            )
            context.note(created, "forum topic", names["name"])
        for claim in node.get("claims", []).list():
            seed_claim(forum, node, claim, context)


def accounts_in(*nodes):
    """{email: User} for the emails in `nodes` (strings or lists) that exist."""
    emails = []
    for node in nodes:
        emails.extend(node.strings() if isinstance(node.value, list) else [node.str()])
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def seed_claim(forum, forum_node, node, context):
    """One claim with its fact-check and replies; skipped when a thread with its title
    exists, or when its author, fact-checker or reviewer has no account."""
    title = node["title"].str()
    check = node["fact_check"]
    replies = node.get("replies", []).list()
    accepted = forum_node.get("guidelines_accepted_by", [])
    users = accounts_in(
        node["author"],
        check["author"],
        check["reviewed_by"],
        accepted,
        *[reply["author"] for reply in replies],
    )
    author, checker, reviewer = (
        users.get(node["author"].str()),
        users.get(check["author"].str()),
        users.get(check["reviewed_by"].str()),
    )
    verdict = check["verdict"].choice(Verdict)
    topic_slug = node["topic"].str() if node.has("topic") else None
    language = node.get("language", "en").str()
    claim_text, check_text = node["text"].str(), check["text"].str()
    sources = [
        {"title": source["title"].str(), "url": source["url"].str()}
        for source in check.get("sources", []).list()
    ]
    texts = [(reply["author"].str(), reply["text"].str()) for reply in replies]
    if not (author and checker and reviewer):
        return
    if Thread.objects.filter(forum=forum, title=title).exists():
        return
    now = timezone.now()
    for email in accepted.strings():
        if email in users:
            GuidelinesAcceptance.objects.get_or_create(forum=forum, user=users[email])
    claim = Thread.objects.create(
        forum=forum,
        topic=Topic.objects.filter(forum=forum, slug=topic_slug).first(),
        kind=ThreadKind.CLAIM,
        title=title,
        heard_where=node.get("heard_where", "").value,
        author=author,
        body_text=claim_text,
        body_html=sanitise(claim_text),
        language=language,
        status=ContentStatus.PUBLISHED,
        verdict=verdict,
        verdict_at=now,
        last_activity_at=now,
    )
    scope = forum_scope(forum)
    record_participation(author, Action.CLAIMED, scope)
    fact_check = FactCheck.objects.create(
        thread=claim,
        author=checker,
        verdict=verdict,
        body_text=check_text,
        body_html=sanitise(check_text),
        language=language,
        status=ContentStatus.PUBLISHED,
    )
    revision = FactCheckRevision.objects.create(
        fact_check=fact_check,
        number=1,
        author=checker,
        verdict=verdict,
        body_text=check_text,
        body_html=sanitise(check_text),
        sources=sources,
        reviewed_by=reviewer,
        published_at=now,
    )
    fact_check.latest_revision = fact_check.published_revision = revision
    fact_check.save(update_fields=["latest_revision", "published_revision"])
    record_participation(checker, Action.FACT_CHECKED, scope)
    record_participation(reviewer, Action.FACT_CHECKED, scope)
    for email, text in texts:
        user = users.get(email)
        if user is None:
            continue
        Post.objects.create(
            thread=claim,
            author=user,
            body_text=text,
            body_html=sanitise(text),
            body_hash=body_hash(text),
            language=language,
            status=ContentStatus.PUBLISHED,
        )
        record_participation(user, Action.POSTED, scope)
    context.note(True, "forum claim", title)
