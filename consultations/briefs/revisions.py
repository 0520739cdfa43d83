"""Revisions of a brief: snapshots of the document (manual, automatic, on restore or when
marked final) and the readable diff between two of them.

Rooms ask `snapshot_if_due` after edits, so this module does not import them.
"""

import difflib
from html import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import ydoc
from .document_store import load_document
from .models import Brief, BriefSnapshot


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
