"""More demo forum threads (forums/demo/threads.yaml), loaded by `manage.py seed_demo`
after the forums: claims with fact-checks (published, or waiting for a second reviewer)
and discussions, with replies in several languages, one of them awaiting moderation.

Threads and replies are written as `services.posting` writes them (the participation
ledger, the moderation queue, the models' signals for text analysis) but without its
checks that a demo cannot pass (the fictional participants have no verified address;
rate limits) and with the dates of the data. Fact-checks go through the fact-check
services themselves: one fact-checker writes, another publishes.

Idempotent: a thread is identified by its forum and title, a reply by its thread,
author and text.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from engage.communities.models import Action
from engage.communities.services import record_participation
from engage.demo.activity import People, language, posted_at, resident_text, status
from engage.demo.data import read
from engage.moderation.content import ContentStatus
from engage.moderation.services import content_created

from ..models import ForumPage, GuidelinesAcceptance, Post, Thread, ThreadKind, Topic, Verdict
from ..services import body_hash, forum_scope, publish_fact_check, write_fact_check

DATA_FILE = "threads.yaml"


def load_demo(data_dir, context):
    """Check the whole file first (a bad value saves nothing), then add what is missing."""
    data = read(data_dir, DATA_FILE)
    people = People(data["participant_email"])
    plans = [read_thread(node, people) for node in data["threads"].list()]
    people.resolve()
    for plan in plans:
        forum = ForumPage.objects.filter(slug=plan["forum"]).first()
        if forum is not None:
            seed_thread(forum, plan, people, context)


def read_thread(node, people):
    text, html = resident_text(node["text"])
    kind = node["kind"].choice(ThreadKind)
    moment = posted_at(node)
    plan = {
        "node": node,
        "forum": node["forum"].str(),
        "kind": kind,
        "title": node["title"].str(),
        "topic": node["topic"].str() if node.has("topic") else None,
        "heard_where": node.get("heard_where", "").value or "",
        "author": people.email(node["author"]),
        "language": language(node["language"]),
        "created_at": moment,
        "text": text,
        "html": html,
        "status": status(node),
        "fact_check": None,
        "replies": [read_reply(item, people, moment) for item in node.get("replies", []).list()],
    }
    if node.has("fact_check"):
        if kind != ThreadKind.CLAIM:
            raise node["fact_check"].error(_("only a claim can have a fact-check"))
        check = node["fact_check"]
        resident_text(check["text"])
        plan["fact_check"] = {
            "author": people.email(check["author"]),
            "reviewed_by": people.email(check["reviewed_by"]) if check.has("reviewed_by") else None,
            "verdict": check["verdict"].choice(Verdict),
            "language": language(check["language"]),
            "text": check["text"].str(),
            "sources": [
                {"title": source["title"].str(), "url": source["url"].str()}
                for source in check.get("sources", []).list()
            ],
            "node": check,
        }
    return plan


def read_reply(node, people, after):
    text, html = resident_text(node["text"])
    return {
        "author": people.email(node["author"]),
        "language": language(node["language"]),
        "created_at": posted_at(node, after),
        "text": text,
        "html": html,
        "status": status(node),
    }


def seed_thread(forum, plan, people, context):
    author = people[plan["author"]]
    scope = forum_scope(forum)
    thread = Thread.objects.filter(forum=forum, title=plan["title"]).first()
    if thread is None:
        GuidelinesAcceptance.objects.get_or_create(forum=forum, user=author)
        thread = Thread.objects.create(
            forum=forum,
            topic=Topic.objects.filter(forum=forum, slug=plan["topic"]).first(),
            kind=plan["kind"],
            title=plan["title"],
            heard_where=plan["heard_where"] if plan["kind"] == ThreadKind.CLAIM else "",
            author=author,
            body_text=plan["text"],
            body_html=plan["html"],
            language=plan["language"],
            status=plan["status"],
            created_at=plan["created_at"],
            last_activity_at=plan["created_at"],
        )
        action = Action.CLAIMED if plan["kind"] == ThreadKind.CLAIM else Action.POSTED
        record_participation(author, action, scope)
        content_created(thread)
        context.note(True, "forum thread", plan["title"])
    for reply in plan["replies"]:
        seed_reply(thread, reply, people, scope, context)
    if plan["fact_check"] is not None and not thread.fact_checks.exists():
        seed_fact_check(thread, plan["fact_check"], people, context)


def seed_reply(thread, plan, people, scope, context):
    author = people[plan["author"]]
    if Post.objects.filter(thread=thread, author=author, body_text=plan["text"]).exists():
        return
    GuidelinesAcceptance.objects.get_or_create(forum=thread.forum, user=author)
    post = Post.objects.create(
        thread=thread,
        author=author,
        body_text=plan["text"],
        body_html=plan["html"],
        body_hash=body_hash(plan["text"]),
        language=plan["language"],
        status=plan["status"],
        created_at=plan["created_at"],
    )
    if post.status == ContentStatus.PUBLISHED:
        Thread.objects.filter(pk=thread.pk, last_activity_at__lt=post.created_at).update(
            last_activity_at=post.created_at
        )
    record_participation(author, Action.POSTED, scope)
    content_created(post)
    context.note(True, "forum reply", f"{plan['language']}: {plan['text'][:40]}")


def seed_fact_check(thread, plan, people, context):
    """Written by one fact-checker and, when the data names a reviewer, published by
    them (the forum's two-person rule)."""
    try:
        fact_check = write_fact_check(
            people[plan["author"]],
            thread,
            verdict=plan["verdict"],
            text=plan["text"],
            sources=plan["sources"],
            language=plan["language"],
        )
        if plan["reviewed_by"] is not None:
            publish_fact_check(people[plan["reviewed_by"]], fact_check)
    except ValidationError as error:
        raise plan["node"].error(" ".join(error.messages)) from None
    context.note(True, "fact-check", thread.title)
