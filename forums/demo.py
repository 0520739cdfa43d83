"""Demo content for the Northbridge forum "Myths and facts" (called by `seed_demo`).

Adds topics, a claim with a published fact-check (written by the community leader,
reviewed by city staff) and a couple of replies. Idempotent: run it again and nothing
is duplicated. The rows are written directly, as published demo content, rather than
through the services (which would rate-limit and pre-moderate new accounts); the
participation ledger is still recorded.
"""

from django.utils import timezone

from engage.accounts.models import User
from engage.communities.models import Action
from engage.communities.services import record_participation
from engage.moderation.content import ContentStatus
from engage.moderation.sanitise import sanitise

from .models import (
    FactCheck,
    FactCheckRevision,
    ForumPage,
    GuidelinesAcceptance,
    Post,
    Thread,
    ThreadKind,
    Topic,
    Verdict,
)
from .services import body_hash, forum_scope

FORUM_SLUG = "myths-and-facts"
TOPICS = [
    ("housing", {"name_en": "Housing", "name_ar": "السكن", "name_fr": "Logement"}),
    ("funding", {"name_en": "Funding", "name_ar": "التمويل", "name_fr": "Financements"}),
    ("safety", {"name_en": "Safety", "name_ar": "السلامة", "name_fr": "Sécurité"}),
]
CLAIM_TITLE = "I heard the new flats on Mill Road are only for people who just arrived"
CLAIM_TEXT = (
    "Someone at the bus stop said newcomers get the new flats first and local families "
    "have to wait. Is that true?"
)
FACT_CHECK_TEXT = (
    "No. The 48 new homes on Mill Road are let through the council's housing register, "
    "by housing need and time on the list, under the published allocation policy. How "
    "long someone has lived in the UK is not a factor. Twelve of the homes are set aside "
    "for people who already live in Northbridge and need to move for medical reasons."
)
SOURCES = [
    {
        "title": "Northbridge housing allocation policy",
        "url": "https://example.org/northbridge/allocations",
    },
    {
        "title": "Mill Road development: planning decision",
        "url": "https://example.org/northbridge/mill-road",
    },
]
REPLIES = [
    (
        "resident@example.org",
        "Thank you, that is clear. I will share the policy with my neighbours.",
    ),
    (
        "partner@example.org",
        "The housing advice drop-in at the library on Tuesdays can help anyone check their place on the list.",
    ),
]


def seed(note=None):
    """Add the demo forum content if it is missing. `note(created, kind, label)` reports."""
    note = note or (lambda *args: None)
    forum = ForumPage.objects.filter(slug=FORUM_SLUG).first()
    accounts = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    resident = accounts.get("resident@example.org")
    leader = accounts.get("leader@example.org")
    staff = accounts.get("staff@example.org")
    if forum is None or not (resident and leader and staff):
        return
    for order, (slug, names) in enumerate(TOPICS):
        _topic, created = Topic.objects.get_or_create(
            forum=forum,
            slug=slug,
            defaults={**names, "name": names["name_en"], "sort_order": order},
        )
        note(created, "forum topic", names["name_en"])
    if Thread.objects.filter(forum=forum, title=CLAIM_TITLE).exists():
        return
    now = timezone.now()
    for user in (resident, leader, staff, accounts.get("partner@example.org")):
        if user is not None:
            GuidelinesAcceptance.objects.get_or_create(forum=forum, user=user)
    claim = Thread.objects.create(
        forum=forum,
        topic=Topic.objects.filter(forum=forum, slug="housing").first(),
        kind=ThreadKind.CLAIM,
        title=CLAIM_TITLE,
        heard_where="At the bus stop on Mill Road",
        author=resident,
        body_text=CLAIM_TEXT,
        body_html=sanitise(CLAIM_TEXT),
        language="en",
        status=ContentStatus.PUBLISHED,
        verdict=Verdict.FALSE,
        verdict_at=now,
        last_activity_at=now,
    )
    record_participation(resident, Action.CLAIMED, forum_scope(forum))
    fact_check = FactCheck.objects.create(
        thread=claim,
        author=leader,
        verdict=Verdict.FALSE,
        body_text=FACT_CHECK_TEXT,
        body_html=sanitise(FACT_CHECK_TEXT),
        language="en",
        status=ContentStatus.PUBLISHED,
    )
    revision = FactCheckRevision.objects.create(
        fact_check=fact_check,
        number=1,
        author=leader,
        verdict=Verdict.FALSE,
        body_text=FACT_CHECK_TEXT,
        body_html=sanitise(FACT_CHECK_TEXT),
        sources=SOURCES,
        reviewed_by=staff,
        published_at=now,
    )
    fact_check.latest_revision = fact_check.published_revision = revision
    fact_check.save(update_fields=["latest_revision", "published_revision"])
    record_participation(leader, Action.FACT_CHECKED, forum_scope(forum))
    record_participation(staff, Action.FACT_CHECKED, forum_scope(forum))
    for email, text in REPLIES:
        author = accounts.get(email)
        if author is None:
            continue
        Post.objects.create(
            thread=claim,
            author=author,
            body_text=text,
            body_html=sanitise(text),
            body_hash=body_hash(text),
            language="en",
            status=ContentStatus.PUBLISHED,
        )
        record_participation(author, Action.POSTED, forum_scope(forum))
    note(True, "forum claim", CLAIM_TITLE)
