"""Writes to briefs: the live document's log, revisions, comments, suggestions, sign-off.

Views, the API and the WebSocket consumer all call these. Each checks its rule
(`consultations/briefs/rules.py`), validates, writes in one transaction with the
contribution record and the participation ledger, and registers live updates with
`transaction.on_commit` (see `rooms.publish_update` / `rooms.publish_event`).

Changes the server makes to the document (accepting a suggestion, restoring a revision)
are ordinary Yjs updates made on a copy loaded from the database, logged like anyone's
edit and pushed to every open editor, so connected clients converge on them.
"""

import difflib
import logging
from html import escape

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.after_commit import on_commit_safely
from engage.communities.models import Action
from engage.communities.scopes import Scope
from engage.communities.services import record_participation

from . import ydoc
from .models import (
    Brief,
    BriefComment,
    BriefSnapshot,
    BriefSuggestion,
    BriefUpdate,
    Contribution,
    SignOff,
)

logger = logging.getLogger("engage.briefs")

QUOTE_MAX_LENGTH = 1000


def _check(rule, user, brief, message=None):
    if not rules.test_rule(rule, user, brief):
        raise PermissionDenied(message or _("You do not have permission to do this."))


def session_scope(brief):
    return Scope.of("session", brief.session_id)


def find_brief(session):
    """The session's brief, or an unsaved empty one: check permission on it before
    `brief_for_session` creates the row."""
    brief = Brief.objects.select_related("session__consultation").filter(session=session).first()
    return brief or Brief(session=session)


def brief_for_session(session):
    """The session's brief, created (empty, drafting) the first time anyone asks."""
    brief, _created = Brief.objects.select_related("session__consultation").get_or_create(
        session=session
    )
    return brief


# The live document ---------------------------------------------------------------------


def load_document(brief_id):
    """(Doc, id of the last logged update): the compacted state plus the log after it."""
    brief = Brief.objects.only("ydoc_state", "compacted_through").get(pk=brief_id)
    rows = list(
        BriefUpdate.objects.filter(brief_id=brief_id, pk__gt=brief.compacted_through)
        .order_by("pk")
        .values_list("pk", "data")
    )
    doc = ydoc.new_doc(brief.ydoc_state, [data for _pk, data in rows])
    last = rows[-1][0] if rows else brief.compacted_through
    return doc, last


def update_refusal(user_id, brief_id):
    """None when the person may change the document now, else (code, message).

    Runs before every update the consumer applies: it reloads the person and the brief,
    so a co-author removed, or a brief marked final, takes effect at the next update.
    """
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    brief = Brief.objects.select_related("session__consultation").filter(pk=brief_id).first()
    if brief is None:
        return "4404", _("This brief no longer exists.")
    if user is not None and rules.test_rule("briefs.edit", user, brief):
        return None
    if user is not None and rules.test_rule("briefs.view", user, brief) and not brief.is_drafting:
        return "read_only", _(
            "The brief is no longer being drafted, so it cannot be changed. "
            "Your last change was not saved."
        )
    return "4403", _(
        "Only the brief's co-authors can change it, and you are not one now. Your change was "
        "not saved; reload the page to read the brief."
    )


def _lock_for_writing(brief_id):
    """Hold the brief row (FOR NO KEY UPDATE) until the log write commits.

    `compact` locks the same row FOR UPDATE, so it waits for writers in flight and never
    reads the log while a row with a lower id is still uncommitted (and would be skipped).
    """
    list(Brief.objects.select_for_update(no_key=True).filter(pk=brief_id).values_list("pk"))


def record_update(brief_id, user, data, chars_added=0, chars_removed=0):
    """Log one update the server applied, and credit its characters to `user`.

    Returns the new log row's id. Two statements on the hot path (the log row, and an
    upsert of the person's Contribution); the first contribution also goes in the
    participation ledger (`Action.CONTRIBUTED` in the session's scope).
    """
    now = timezone.now()
    with transaction.atomic():
        _lock_for_writing(brief_id)
        row = BriefUpdate.objects.create(
            brief_id=brief_id,
            author=user,
            data=bytes(data),
            chars_added=chars_added,
            chars_removed=chars_removed,
            created_at=now,
        )
        if user is not None and (chars_added or chars_removed):
            if _upsert_contribution(brief_id, user.pk, now, chars_added, chars_removed):
                session_id = Brief.objects.values_list("session_id", flat=True).get(pk=brief_id)
                record_participation(user, Action.CONTRIBUTED, Scope.of("session", session_id))
    return row.pk


def record_updates(brief_id, batch):
    """Log a room's applied updates in order: `batch` is [(person, update, added, removed)].

    One INSERT for the log rows and one upsert per person, in one transaction.
    """
    now = timezone.now()
    with transaction.atomic():
        _lock_for_writing(brief_id)
        BriefUpdate.objects.bulk_create(
            [
                BriefUpdate(
                    brief_id=brief_id,
                    author=user,
                    data=update,
                    chars_added=added,
                    chars_removed=removed,
                    created_at=now,
                )
                for user, update, added, removed in batch
            ]
        )
        totals = {}
        for user, _update, added, removed in batch:
            if user is not None and (added or removed):
                person, sum_added, sum_removed, count = totals.get(user.pk, (user, 0, 0, 0))
                totals[user.pk] = (person, sum_added + added, sum_removed + removed, count + 1)
        for user, added, removed, count in totals.values():
            if _upsert_contribution(brief_id, user.pk, now, added, removed, count):
                session_id = Brief.objects.values_list("session_id", flat=True).get(pk=brief_id)
                record_participation(user, Action.CONTRIBUTED, Scope.of("session", session_id))


def _upsert_contribution(brief_id, user_id, now, chars_added, chars_removed, count=1):
    """Add characters to the person's row in one statement; True when it was created."""
    from django.db import connection

    table = Contribution._meta.db_table
    if connection.vendor != "postgresql":
        contribution, created = Contribution.objects.get_or_create(
            brief_id=brief_id, user_id=user_id, defaults={"last_at": now}
        )
        Contribution.objects.filter(pk=contribution.pk).update(
            chars_added=F("chars_added") + chars_added,
            chars_removed=F("chars_removed") + chars_removed,
            updates=F("updates") + count,
            last_at=now,
        )
        return created
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} AS c (brief_id, user_id, chars_added, chars_removed, updates,
                suggestions_made, suggestions_accepted, comments, last_at)
            VALUES (%s, %s, %s, %s, %s, 0, 0, 0, %s)
            ON CONFLICT (brief_id, user_id) DO UPDATE SET
                chars_added = c.chars_added + EXCLUDED.chars_added,
                chars_removed = c.chars_removed + EXCLUDED.chars_removed,
                updates = c.updates + EXCLUDED.updates,
                last_at = EXCLUDED.last_at
            RETURNING (xmax = 0)
            """,  # noqa: S608 - the table name is ours, values are parameters
            [brief_id, user_id, chars_added, chars_removed, count, now],
        )
        return bool(cursor.fetchone()[0])


def _credit(brief_id, user, now, **counts):
    """Add `counts` to the person's Contribution row; first time, record participation."""
    contribution, created = Contribution.objects.get_or_create(
        brief_id=brief_id, user=user, defaults={"last_at": now}
    )
    changes = {field: F(field) + value for field, value in counts.items()}
    if "chars_added" in counts or "chars_removed" in counts:
        changes["updates"] = F("updates") + 1
    Contribution.objects.filter(pk=contribution.pk).update(last_at=now, **changes)
    if created:
        session_id = Brief.objects.values_list("session_id", flat=True).get(pk=brief_id)
        record_participation(user, Action.CONTRIBUTED, Scope.of("session", session_id))


def compact(brief_id):
    """Fold the update log into `Brief.ydoc_state` (one compact Yjs update).

    Safe with several server processes: it locks the brief row and reads only what is in
    the database; rows logged while it runs stay in the log.
    """
    with transaction.atomic():
        brief = Brief.objects.select_for_update().get(pk=brief_id)
        rows = list(
            BriefUpdate.objects.filter(brief_id=brief_id, pk__gt=brief.compacted_through)
            .order_by("pk")
            .values_list("pk", "data")
        )
        if not rows:
            return 0
        doc = ydoc.new_doc(brief.ydoc_state, [data for _pk, data in rows])
        brief.ydoc_state = doc.get_update()
        brief.compacted_through = rows[-1][0]
        brief.save(update_fields=["ydoc_state", "compacted_through", "updated_at"])
        # Keep the rows: they are the per-person record of who changed what. Only their
        # bytes are no longer needed.
        folded_pks = [pk for pk, _data in rows]
        BriefUpdate.objects.filter(pk__in=folded_pks).update(data=b"")
    return len(rows)


def save_missing_state(brief_id, doc):
    """Log whatever `doc` (a room's copy) holds that the database does not.

    Called when the last editor leaves a room: a safety net for an update that was
    applied in memory but whose log write failed.
    """
    stored, _last = load_document(brief_id)
    missing = doc.get_update(stored.get_state())
    probe = ydoc.new_doc(stored.get_update())
    probe.apply_update(missing)
    if probe.get_state() != stored.get_state():
        record_update(brief_id, None, missing)
        return True
    return False


def apply_server_change(brief, user, change):
    """Run `change(doc)` on the stored document and log and publish the resulting update.

    Returns what `change` returned. The update is pushed to open editors after commit.
    """
    from . import rooms

    with transaction.atomic():
        locked = Brief.objects.select_for_update().select_related("session").get(pk=brief.pk)
        # The status may have changed since the caller checked (marked final meanwhile).
        # `user=None` is the system itself (setup, benchmarks): it too writes only drafts.
        if user is None:
            if not locked.is_drafting:
                raise PermissionDenied(_("You do not have permission to do this."))
        else:
            _check("briefs.edit", user, locked)
        doc, _last = load_document(brief.pk)
        before = doc.get_state()
        length_before = ydoc.text_length(doc)
        result = change(doc)
        update = doc.get_update(before)
        if doc.get_state() != before:
            length_after = ydoc.text_length(doc)
            record_update(brief.pk, user, update)
            Brief.objects.filter(pk=brief.pk).update(updated_at=timezone.now())
            on_commit_safely(
                lambda: rooms.publish_update(brief.session_id, update), "brief live update"
            )
            logger.info(
                "Server change to brief %s: %s characters",
                brief.pk,
                length_after - length_before,
            )
    return result


def current_html(brief):
    doc, _last = load_document(brief.pk)
    return ydoc.render_html(doc)


# Revisions ------------------------------------------------------------------------------


def take_snapshot(brief, user=None, reason=BriefSnapshot.Reason.MANUAL, doc=None):
    """Save the document as it is now as a revision."""
    if doc is None:
        doc, _last = load_document(brief.pk)
    return BriefSnapshot.objects.create(
        brief=brief,
        state=doc.get_update(),
        html=ydoc.render_html(doc),
        text=ydoc.plain_text(doc),
        reason=reason,
        created_by=user,
    )


def snapshot_on_demand(brief, user):
    _check("briefs.edit", user, brief)
    return take_snapshot(brief, user, BriefSnapshot.Reason.MANUAL)


def snapshot_if_due(brief_id, doc, now=None):
    """An automatic revision when the last one is older than BRIEF_SNAPSHOT_MINUTES.

    Returns the time the next one is due (the room asks again only then).
    """
    now = now or timezone.now()
    interval = timezone.timedelta(minutes=settings.BRIEF_SNAPSHOT_MINUTES)
    last = (
        BriefSnapshot.objects.filter(brief_id=brief_id)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None and now - last < interval:
        return last + interval
    brief = Brief.objects.get(pk=brief_id)
    text = ydoc.plain_text(doc)
    latest = BriefSnapshot.objects.filter(brief_id=brief_id).order_by("-created_at").first()
    if latest is None or latest.text != text or latest.html != ydoc.render_html(doc):
        take_snapshot(brief, None, BriefSnapshot.Reason.AUTOMATIC, doc=doc)
    return now + interval


def restore_snapshot(snapshot, user):
    """Make the document equal to `snapshot` again (a new update; history is kept)."""
    brief = snapshot.brief
    _check("briefs.edit", user, brief)
    take_snapshot(brief, user, BriefSnapshot.Reason.RESTORE)
    source = ydoc.new_doc(snapshot.state)
    apply_server_change(brief, user, lambda doc: ydoc.make_equal_to(doc, source))
    publish_event(brief, "brief.restored", {"revision": snapshot.pk})


def _ins(text):
    label = escape(str(_("inserted:")))
    return f'<ins><span class="visually-hidden">{label} </span>{escape(text)}</ins>'


def _del(text):
    label = escape(str(_("deleted:")))
    return f'<del><span class="visually-hidden">{label} </span>{escape(text)}</del>'


def _word_diff(old, new):
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(_del(" ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(_ins(" ".join(new_words[b1:b2])))
    return " ".join(part for part in parts if part)


def diff_html(old_text, new_text):
    """A readable diff of two revisions' text: one <p> per block, <ins>/<del> inside.

    Blocks are matched first; a changed block is compared word by word.
    """
    old_blocks = old_text.split("\n") if old_text else []
    new_blocks = new_text.split("\n") if new_text else []
    out = []
    matcher = difflib.SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(f"<p>{escape(block)}</p>" for block in old_blocks[a1:a2])
        elif op == "replace" and a2 - a1 == b2 - b1:
            out.extend(
                f"<p>{_word_diff(old, new)}</p>"
                for old, new in zip(old_blocks[a1:a2], new_blocks[b1:b2], strict=True)
            )
        else:
            out.extend(f"<p>{_del(block)}</p>" for block in old_blocks[a1:a2])
            out.extend(f"<p>{_ins(block)}</p>" for block in new_blocks[b1:b2])
    return "\n".join(out)


# Comments and suggestions --------------------------------------------------------------


def _clean_text(value, field, max_length, required=True):
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Please write something here.")}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("Please shorten this to %(max)s characters (it has %(count)s).")
                % {"max": max_length, "count": len(value)}
            },
            code="max_length",
        )
    return value


def publish_event(brief, event, payload):
    from . import rooms

    on_commit_safely(
        lambda: rooms.publish_event(brief.session_id, event, payload), f"brief event {event}"
    )


def post_comment(brief, user, body, quote=""):
    """A comment on the brief, optionally on a quoted passage."""
    _check("briefs.comment", user, brief)
    body = _clean_text(body, "body", settings.COMMENT_MAX_LENGTH)
    quote = _clean_text(quote, "quote", QUOTE_MAX_LENGTH, required=False)
    now = timezone.now()
    with transaction.atomic():
        comment = BriefComment.objects.create(
            brief=brief, author=user, body=body, quote=quote, created_at=now
        )
        _credit(brief.pk, user, now, comments=1)
        record_participation(user, Action.COMMENTED, session_scope(brief))
        publish_event(
            brief,
            "comment.created",
            {
                "id": comment.pk,
                "author": str(user.public_name),
                "quote": quote,
                "body": body,
                "created_at": now.isoformat(),
            },
        )
    return comment


def suggest(brief, user, quote, replacement, note=""):
    """Propose `replacement` for the passage `quote`."""
    _check("briefs.suggest", user, brief)
    quote = _clean_text(quote, "quote", QUOTE_MAX_LENGTH)
    replacement = _clean_text(replacement, "replacement", QUOTE_MAX_LENGTH * 4, required=False)
    note = _clean_text(note, "note", settings.COMMENT_MAX_LENGTH, required=False)
    if quote == replacement:
        raise ValidationError(
            {"replacement": _("The replacement is the same as the passage. Change it first.")},
            code="unchanged",
        )
    doc, _last = load_document(brief.pk)
    if quote not in "\n".join(ydoc.blocks(doc)) or "\n" in quote:
        raise ValidationError(
            {
                "quote": _(
                    "This passage is not in the brief. Copy it exactly, from within one paragraph."
                )
            },
            code="not_found",
        )
    now = timezone.now()
    with transaction.atomic():
        suggestion = BriefSuggestion.objects.create(
            brief=brief, author=user, quote=quote, replacement=replacement, note=note
        )
        _credit(brief.pk, user, now, suggestions_made=1)
        record_participation(user, Action.CONTRIBUTED, session_scope(brief))
        publish_event(brief, "suggestion.created", {"id": suggestion.pk})
    return suggestion


def _check_open(suggestion):
    if suggestion.status != BriefSuggestion.Status.OPEN:
        raise ValidationError(
            _("This suggestion was already %(status)s.")
            % {"status": suggestion.get_status_display()},
            code="decided",
        )


def _decide(suggestion, user, status):
    _check_open(suggestion)
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    publish_event(suggestion.brief, "suggestion.decided", {"id": suggestion.pk, "status": status})


def accept_suggestion(suggestion, user):
    """Apply the suggestion to the document (server-side) and record it as accepted."""
    brief = suggestion.brief
    _check("briefs.edit", user, brief)
    with transaction.atomic():
        locked = BriefSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        locked.brief = brief
        _check_open(locked)
        applied = apply_server_change(
            brief,
            user,
            lambda doc: ydoc.replace_passage(doc, locked.quote, locked.replacement),
        )
        if not applied:
            raise ValidationError(
                _(
                    "The passage this suggestion replaces has changed since, so it cannot be "
                    "applied. Reject it, or make the change in the editor."
                ),
                code="passage_changed",
            )
        _decide(locked, user, BriefSuggestion.Status.ACCEPTED)
        _credit(
            brief.pk,
            locked.author,
            timezone.now(),
            suggestions_accepted=1,
            chars_added=len(locked.replacement),
            chars_removed=len(locked.quote),
        )
    return locked


def reject_suggestion(suggestion, user):
    _check("briefs.edit", user, suggestion.brief)
    with transaction.atomic():
        locked = BriefSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        locked.brief = suggestion.brief
        _decide(locked, user, BriefSuggestion.Status.REJECTED)
    return locked


# Sign-off and publication ----------------------------------------------------------------


def signoff_coauthors(brief):
    """The people asked to sign off: co-authors of the session who are not city staff."""
    from django.contrib.auth import get_user_model

    from engage.accounts.rules import is_city_staff

    user_ids = brief.session.rsvps.values_list("user_id", flat=True)
    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    return [
        person
        for person in people
        if rules.test_rule("codesign.edit_brief", person, brief.session)
        and not is_city_staff(person)
    ]


def _set_status(brief, status, **fields):
    brief.status = status
    for name, value in fields.items():
        setattr(brief, name, value)
    brief.save(update_fields=["status", "updated_at", *fields])
    publish_event(brief, "brief.status", {"status": status})


def mark_final(brief, user):
    """Staff freeze the text and ask each co-author to approve or decline it."""
    _check("briefs.mark_final", user, brief)
    with transaction.atomic():
        take_snapshot(brief, user, BriefSnapshot.Reason.FINAL)
        brief.signoffs.all().delete()
        _set_status(brief, Brief.Status.FINAL, finalised_at=timezone.now())


def reopen(brief, user):
    """Back to drafting; answers given to the final text no longer count."""
    _check("briefs.reopen", user, brief)
    with transaction.atomic():
        brief.signoffs.all().delete()
        _set_status(brief, Brief.Status.DRAFTING, finalised_at=None)


def sign_off(brief, user, decision, note="", agree_to_be_named=False):
    """A co-author approves or declines the final text (a second answer replaces the first)."""
    _check("briefs.sign_off", user, brief)
    if decision not in SignOff.Decision.values:
        raise ValidationError(
            {"decision": _("Choose whether you approve or decline the brief.")}, code="invalid"
        )
    note = _clean_text(note, "note", settings.COMMENT_MAX_LENGTH, required=False)
    if decision == SignOff.Decision.DECLINE and not note:
        raise ValidationError(
            {"note": _("Please say why you decline, so the others can change the brief.")},
            code="required",
        )
    with transaction.atomic():
        answer, _created = SignOff.objects.update_or_create(
            brief=brief,
            user=user,
            defaults={
                "decision": decision,
                "note": note,
                "agree_to_be_named": bool(agree_to_be_named)
                and decision == SignOff.Decision.APPROVE,
                "decided_at": timezone.now(),
            },
        )
        record_participation(user, Action.CONTRIBUTED, session_scope(brief))
        publish_event(brief, "signoff.changed", {"decision": decision})
    return answer


def publish(brief, user):
    """Publish the final text on the consultation, with the co-authors who agreed to be named.

    Refused while any co-author declines: reopen the brief and change it first.
    """
    _check("briefs.publish", user, brief)
    if brief.signoffs.filter(decision=SignOff.Decision.DECLINE).exists():
        raise ValidationError(
            _(
                "A co-author declined the final text. Reopen the brief, change it with them, "
                "and ask for sign-off again."
            ),
            code="declined",
        )
    approved = set(
        brief.signoffs.filter(decision=SignOff.Decision.APPROVE).values_list("user_id", flat=True)
    )
    if any(person.pk not in approved for person in signoff_coauthors(brief)):
        raise ValidationError(
            _("Not every co-author has approved the final text. Wait for them, or reopen it."),
            code="not_approved",
        )
    # Publish the text the co-authors signed (frozen when it was marked final), not
    # whatever the live document holds now.
    final = brief.snapshots.filter(reason=BriefSnapshot.Reason.FINAL).first()
    if final is None:
        doc, _last = load_document(brief.pk)
        html, text = ydoc.render_html(doc), ydoc.plain_text(doc)
    else:
        html, text = final.html, final.text
    if not text.strip():
        raise ValidationError(_("The brief is empty. Write it before publishing."), code="empty")
    with transaction.atomic():
        # The co-authors wrote it in the site's language; translators fill in the others
        # (published_html_ar, ...) in the admin, and until then readers get this one.
        _set_status(
            brief,
            Brief.Status.PUBLISHED,
            published_at=timezone.now(),
            **{f"published_html_{settings.LANGUAGE_CODE}": html},
        )
    return brief


def named_coauthors(brief):
    """Public names of the co-authors who approved and agreed to be named."""
    return [
        str(answer.user.public_name)
        for answer in brief.signoffs.filter(
            decision=SignOff.Decision.APPROVE, agree_to_be_named=True
        ).select_related("user")
    ]


CONTRIBUTION_FIGURES = (
    "chars_added",
    "chars_removed",
    "suggestions_made",
    "suggestions_accepted",
    "comments",
)


def contributions(brief):
    """What went into the brief, summed by role (co-authors, participants, city staff),
    for staff: aggregates only, never a person's name or figures (the privacy
    rule of reports). Returns {"rows": [{"role", "people", <figures>}], "coauthors",
    "silent_coauthors"}: how many co-authors there are and how many have not
    contributed, so staff can still check that every co-author was heard."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from consultations.codesign.models import Invitation
    from engage.accounts.rules import CITY_STAFF

    figures = list(brief.contributions.values_list("user_id", *CONTRIBUTION_FIGURES))
    invited = dict(
        Invitation.objects.filter(
            session_id=brief.session_id, user__isnull=False, status=Invitation.Status.ACCEPTED
        ).values_list("user_id", "role")
    )
    staff = set(
        get_user_model()
        .objects.filter(pk__in=[row[0] for row in figures])
        .filter(Q(is_superuser=True) | Q(groups__name=CITY_STAFF))
        .values_list("pk", flat=True)
    )
    roles = {
        Invitation.Role.COAUTHOR: Invitation.Role.COAUTHOR.label,
        Invitation.Role.PARTICIPANT: Invitation.Role.PARTICIPANT.label,
        "staff": _("city staff"),
    }
    totals = {key: {"role": label, "people": 0} for key, label in roles.items()}
    contributed = set()
    for user_id, *values in figures:
        # Anyone else who could write in the brief took part in the session.
        key = "staff" if user_id in staff else invited.get(user_id, Invitation.Role.PARTICIPANT)
        row = totals[key]
        row["people"] += 1
        for name, value in zip(CONTRIBUTION_FIGURES, values, strict=True):
            row[name] = row.get(name, 0) + value
        if any(values):
            contributed.add(user_id)
    coauthors = {
        user_id for user_id, role in invited.items() if role == Invitation.Role.COAUTHOR
    } - staff
    return {
        "rows": [row for row in totals.values() if row["people"]],
        "coauthors": len(coauthors),
        "silent_coauthors": len(coauthors - contributed),
    }
