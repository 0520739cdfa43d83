"""A past demo co-design session with its published brief
(consultations/codesign/demo/history.yaml), loaded by `manage.py seed_demo` after the
upcoming sessions of sessions.yaml: who came, notes and decisions, agreed actions, and
the brief a community leader wrote, participants commented on, and city staff published.

The session, its invitations and notes are created as sessions.yaml's are
(`seed_session`, `seed_invitations`). Attendance and agreed actions are written as
`services.follow_up` writes them (with the ledger), without its check that the staff
member has set up two-factor authentication. The brief goes through the brief's own
services and document store: the leader's text is a Yjs update credited to them,
participants' comments are `post_comment`, then `mark_final`, `sign_off` and `publish`.
Nobody is emailed.

Idempotent: the session is identified by its consultation and English title; the rest
is added only when missing (the brief only while it has no text).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pycrdt import XmlElement, XmlText

from consultations.briefs import ydoc
from consultations.briefs.document_store import load_document, record_update
from consultations.briefs.models import Brief, SignOff
from consultations.briefs.services.access import brief_for_session, check_rule
from consultations.briefs.services.discussion import post_comment
from consultations.briefs.services.signoff import mark_final, publish, sign_off
from engage.communities.models import Action
from engage.communities.services import record_participation_many
from engage.demo.activity import People
from engage.demo.data import read

from ..models import AgreedAction, Rsvp
from ..services.sessions import session_scope
from . import seed_invitations, seed_session

DATA_FILE = "history.yaml"


def load_demo(data_dir, context):
    """Check the whole file first (a bad value saves nothing), then add what is missing."""
    data = read(data_dir, DATA_FILE)
    people = People(data["participant_email"])
    plans = [read_history(node, people) for node in data["sessions"].list()]
    people.resolve()
    for node, plan in plans:
        session = seed_session(node, context)
        if session is None:
            continue
        seed_invitations(session, node)
        seed_attendance(session, plan["attended"], people, context)
        seed_actions(session, plan["actions"], context)
        seed_brief(session, plan["brief"], people, context)


def read_history(node, people):
    brief = node["brief"]
    blocks = []
    for item in brief["blocks"].list():
        if item.has("heading"):
            blocks.append(("heading", item["heading"].str()))
        elif item.has("paragraph"):
            blocks.append(("paragraph", item["paragraph"].str()))
        else:
            raise item.error(_("expected a block with a “heading” or a “paragraph” key"))
    languages = {code for code, _name in settings.LANGUAGES}
    translations = {}
    for code, html in brief.get("translations", {}).items():
        if code not in languages:
            raise html.error(
                _("“%(language)s” is not one of the site's languages (%(languages)s)")
                % {"language": code, "languages": ", ".join(sorted(languages))}
            )
        translations[code] = html.str()
    return node, {
        "attended": [people.email(item) for item in node.get("attended", []).list()],
        "actions": [
            {
                "what": item["what"].str(),
                "who": item["who"].str(),
                "due_date": timezone.localdate()
                + datetime.timedelta(days=item["due_in_days"].int()),
                "done": item.get("done", False).bool(),
            }
            for item in node.get("actions", []).list()
        ],
        "brief": {
            "node": brief,
            "author": people.email(brief["author"]),
            "published_by": people.email(brief["published_by"]),
            "blocks": blocks,
            "comments": [
                (people.email(item["by"]), item["text"].str(), item)
                for item in brief.get("comments", []).list()
            ],
            "translations": translations,
        },
    }


def seed_attendance(session, emails, people, context):
    """A confirmed place for each person, recorded as attending, in the ledger."""
    if session.starts_at > timezone.now():
        return
    replies = dict(Rsvp.objects.filter(session=session).values_list("user_id", "attended"))
    attendees = [people[email] for email in emails if replies.get(people[email].pk) is not True]
    Rsvp.objects.bulk_create(
        Rsvp(session=session, user=person, status=Rsvp.Status.CONFIRMED, attended=True)
        for person in attendees
        if person.pk not in replies
    )
    Rsvp.objects.filter(session=session, user__in=attendees).update(attended=True)
    record_participation_many(
        Action.ATTENDED, [(person, [session_scope(session)]) for person in attendees]
    )
    context.note(attendees, "attendance", f"{len(attendees)} at {session}")


def seed_actions(session, actions, context):
    if session.agreed_actions.exists():
        return
    for action in actions:
        AgreedAction.objects.create(session=session, **action)
        context.note(True, "agreed action", action["what"])


def seed_brief(session, plan, people, context):
    """Write, discuss, sign off and publish the brief, unless it has text already."""
    brief = brief_for_session(session)
    document, _last = load_document(brief.pk)
    if ydoc.plain_text(document).strip() or not brief.is_drafting:
        return
    author, staff = people[plan["author"]], people[plan["published_by"]]
    try:
        write_brief(brief, author, plan["blocks"])
        for email, text, _node in plan["comments"]:
            post_comment(brief, people[email], text)
        mark_final(brief, staff)
        sign_off(brief, author, SignOff.Decision.APPROVE, agree_to_be_named=True)
        publish(Brief.objects.get(pk=brief.pk), staff)
    except (PermissionDenied, ValidationError) as error:
        raise plan["node"].error(" ".join(getattr(error, "messages", [str(error)]))) from None
    if plan["translations"]:
        Brief.objects.filter(pk=brief.pk).update(
            **{f"published_html_{code}": html for code, html in plan["translations"].items()}
        )
    context.note(True, "published brief", session)


def write_brief(brief, author, blocks):
    """The text typed by `author` as one Yjs update, credited to them as a live edit is."""
    check_rule("briefs.edit", author, brief)
    document, _last = load_document(brief.pk)
    before, length = document.get_state(), ydoc.text_length(document)
    with document.transaction():
        for kind, text in blocks:
            attributes = {"level": 1} if kind == "heading" else {}
            ydoc.fragment(document).children.append(XmlElement(kind, attributes, [XmlText(text)]))
    added = ydoc.text_length(document) - length
    record_update(brief.pk, author, document.get_update(before), chars_added=added)
