"""Revisions of edits, terms made from data, deletion.

An edit that changes the wording partners agreed (the source language, or a language
whose wording was itself agreed in that language) sends an agreed term back to review:
the glossary only shows wording the partners agreed. Wording added in a new language
to an agreed term is recorded as a translation of the agreed text (`agreed_in` = the
source language) and shown at once, marked as such.
"""

from django.db import transaction
from django.utils import timezone

from ..models import (
    AuditEntry,
    DiscouragedTerm,
    Term,
    TermRevision,
    TermSource,
    TermStatus,
    TermTranslation,
)
from ..snapshots import changed_languages, snapshot
from .common import audit, glossary_changed


def _agreed_wording_changed(term, before, changed):
    own = {
        item.language
        for item in term.translations.all()
        if item.agreed_in and item.agreed_in == item.language
    }
    existing = {item.language for item in term.translations.all()}
    for code in changed:
        if code == term.source_language or code in own:
            return True
        if code in before.get("translations", {}) and code not in existing:
            return True  # agreed wording was removed
    return False


@transaction.atomic
def record_edit(term, *, by=None, note="", created=False):
    """Record the term's wording as a new revision when it changed (returns it; None
    when nothing changed). Called after every save, including the admin's."""
    term = Term.objects.select_for_update().get(pk=term.pk)
    data = snapshot(term)
    last = term.revisions.order_by("-number").first()
    before = last.snapshot if last else {}
    if last is not None and before == data:
        return None
    number = term.revision + 1
    revision = TermRevision.objects.create(
        term=term, number=number, snapshot=data, note=note[:300], created_by=by
    )
    changed = changed_languages(before, data)
    fields = {"revision": number}
    reopened = False
    if term.status == TermStatus.AGREED and last is not None:
        if _agreed_wording_changed(term, before, changed):
            fields.update(status=TermStatus.UNDER_REVIEW, status_changed_at=timezone.now())
            reopened = True
        else:
            term.translations.filter(agreed_in="").update(
                agreed_in=term.source_language, agreed_at=timezone.now()
            )
    Term.objects.filter(pk=term.pk).update(**fields)
    action = AuditEntry.Action.CREATED if created or last is None else AuditEntry.Action.EDITED
    audit(term, action, user=by, revision=number, languages=changed)
    if reopened:
        audit(term, AuditEntry.Action.REOPENED, user=by, revision=number, languages=changed)
    glossary_changed()
    return revision


def _fill(term, data, *, keep_agreement):
    now = timezone.now()
    for code, item in sorted(data.get("translations", {}).items()):
        agreed_in = item.get("agreed_in", "") if keep_agreement else ""
        TermTranslation.objects.create(
            term=term,
            language=code,
            label=item["label"],
            definition=item["definition"],
            usage_notes=item.get("usage_notes", ""),
            variants="\n".join(item.get("variants", [])),
            agreed_in=agreed_in,
            agreed_at=now if agreed_in else None,
        )
    for item in data.get("discouraged", []):
        DiscouragedTerm.objects.create(
            term=term,
            language=item["language"],
            phrase=item["phrase"],
            preferred=item["preferred"],
            reason=item["reason"],
        )
    for item in data.get("sources", []):
        TermSource.objects.create(term=term, title=item["title"], url=item["url"])


@transaction.atomic
def create_term(data, *, by=None, status=TermStatus.PROPOSED, origin=None, keep_agreement=False):
    """A new term from `data` (a snapshot, as exports hold), its first revision and an
    audit entry. `status` is kept only for AGREED/RETIRED with `keep_agreement` (a city
    restoring its own glossary); imports from elsewhere start as proposed. Related
    terms are linked by `link_related` once every term of a file exists."""
    if not keep_agreement:
        status = TermStatus.PROPOSED
    now = timezone.now()
    term = Term.objects.create(
        slug=data["key"],
        source_language=data.get("source_language") or "en",
        status=status,
        status_changed_at=now,
        agreed_at=now if status in (TermStatus.AGREED, TermStatus.RETIRED) else None,
        origin=origin or {},
    )
    _fill(term, data, keep_agreement=keep_agreement)
    record_edit(term, by=by, note=(origin or {}).get("note", ""), created=True)
    if origin:
        audit(term, AuditEntry.Action.IMPORTED, user=by, origin=origin, status=status)
    term.refresh_from_db()
    return term


@transaction.atomic
def link_related(term, keys, *, by=None):
    """Link `term` to the terms with `keys`; returns the keys that do not exist here.
    Records a revision when the links changed."""
    found = list(Term.objects.filter(slug__in=keys).exclude(pk=term.pk))
    missing = sorted(set(keys) - {item.slug for item in found} - {term.slug})
    if found:
        term.related_terms.add(*found)
        term.save()
        record_edit(term, by=by)
    return missing


@transaction.atomic
def record_deletion(term, *, by=None):
    """Before a term is deleted: the audit trail keeps its key and last wording."""
    audit(term, AuditEntry.Action.DELETED, user=by, snapshot=snapshot(term))
    glossary_changed()
