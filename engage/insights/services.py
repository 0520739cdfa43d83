"""Writes of the text signals: analyse registered content and keep its row current.

`analyse_instances(target, instances)` is the one write path; the background task (one
text after each save), `manage.py analyse_texts` (a batch at a time) and the tests all
call it. For each text it:

1. reads the text, the writer's language, the scopes and whether it is visible;
2. runs `analyse_text` again only when the text changed since the last analysis (a
   fingerprint of text and chosen language), or when asked to (`force`), or when the
   last attempt failed; a visibility or scope change alone just updates the row;
3. upserts the `TextAnalysis` rows of the batch in one statement;
4. sends a newly flagged text to the moderation queue (source "flagged", the categories
   as its reason) when the content is moderated and may be flagged now; nothing is
   hidden or removed by this, and an unchanged text already flagged is not queued again;
5. after commit, invalidates the cached aggregates of every scope touched.

The analysis itself runs outside any transaction: a city's model server may take
seconds to answer, and no lock is held meanwhile.
"""

import hashlib
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from engage.moderation import registry as moderation_registry
from engage.moderation.models import ReportReason
from engage.moderation.services import flag_content

from . import aggregates_cache
from .analysis import analyse_text
from .models import TextAnalysis, abuse_mask

logger = logging.getLogger("engage.insights")

ANALYSIS_FIELDS = (
    "text_hash",
    "language",
    "sentiment",
    "sentiment_backend",
    "abuse_flagged",
    "abuse_categories",
    "abuse_mask",
    "abuse_backend",
    "analysed_at",
)
CONTEXT_FIELDS = (
    "kind",
    "consultation",
    "proposal",
    "forum",
    "session",
    "area",
    "policy_area",
    "content_created_at",
    "content_visible",
    "author_id",
)
SCOPE_COLUMNS = ("consultation", "proposal", "forum", "session", "area", "policy_area")

# The moderation queue's reason for each abuse category (its reasons are a fixed list);
# the categories themselves go on the queue item (`flag_categories`, shown to moderators)
# and stay on the TextAnalysis row.
QUEUE_REASONS = {
    "derogation": ReportReason.HATE,
    "dehumanisation": ReportReason.HATE,
    "slur": ReportReason.HATE,
    "threat": ReportReason.ABUSE,
    "profanity": ReportReason.ABUSE,
    "other": ReportReason.OTHER,
}
REASON_ORDER = (ReportReason.HATE, ReportReason.ABUSE, ReportReason.OTHER)


def fingerprint(text, language):
    """What decides whether a text must be analysed again."""
    return hashlib.sha256(f"{language or ''}\0{text}".encode()).hexdigest()


def queue_reason(categories):
    """The queue reason for a set of categories: hate before abuse before other."""
    reasons = {QUEUE_REASONS.get(name, ReportReason.OTHER) for name in categories}
    return next((reason for reason in REASON_ORDER if reason in reasons), ReportReason.OTHER)


def _context(target, instance):
    scopes = target.scope_values(instance)
    return {
        "kind": target.kind,
        **{column: scopes[column] for column in SCOPE_COLUMNS},
        "content_created_at": target.created_at(instance),
        "content_visible": bool(target.visible(instance)),
        "author_id": target.author(instance),
    }


def _analysis(text, language, digest, now):
    signals = analyse_text(text, language)
    categories = list(signals.abuse_categories or ())
    return {
        "text_hash": digest,
        "language": signals.language,
        "sentiment": signals.sentiment,
        "sentiment_backend": signals.backend or "",
        "abuse_flagged": signals.abuse_flagged,
        "abuse_categories": categories,
        "abuse_mask": abuse_mask(categories) if signals.abuse_flagged else 0,
        "abuse_backend": signals.abuse_backend or "",
        "analysed_at": now,
    }


def _carried_over(row):
    return {name: getattr(row, name) for name in ANALYSIS_FIELDS}


def analyse_instances(target, instances, *, force=False):
    """Analyse `instances` (all of `target`'s model) and upsert their rows; returns
    the number of texts whose analysis ran (the rest only had their context updated)."""
    instances = list(instances)
    if not instances:
        return 0
    content_type = ContentType.objects.get_for_model(target.model)
    existing = {
        row.object_id: row
        for row in TextAnalysis.objects.filter(
            content_type=content_type, object_id__in=[item.pk for item in instances]
        )
    }
    rows, to_flag, scopes = [], [], set()
    analysed = 0
    for instance in instances:
        text = target.text(instance) or ""
        chosen = target.language(instance) or None
        digest = fingerprint(text, chosen)
        previous = existing.get(instance.pk)
        values = _context(target, instance)
        stale = previous is None or previous.text_hash != digest or previous.analysed_at is None
        if force or stale:
            try:
                values.update(_analysis(text, chosen, digest, timezone.now()))
            except Exception:  # one text's failure must not stop the batch
                logger.exception("Analysis of %s %s failed", target.kind, instance.pk)
                values.update(_carried_over(previous) if previous else {})
                values["analysed_at"] = None
            else:
                analysed += 1
                already_flagged = previous is not None and previous.abuse_flagged and not stale
                if values["abuse_flagged"] and not already_flagged:
                    to_flag.append((instance, values["abuse_categories"]))
        else:
            values.update(_carried_over(previous))
        rows.append(TextAnalysis(content_type=content_type, object_id=instance.pk, **values))
        scopes.update(aggregates_cache.scopes_of(values))
        if previous is not None:
            scopes.update(aggregates_cache.scopes_of(previous.__dict__))
    with transaction.atomic():
        TextAnalysis.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=[*CONTEXT_FIELDS, *ANALYSIS_FIELDS],
        )
        for instance, categories in to_flag:
            _send_to_moderation(target, instance, categories)
        aggregates_cache.invalidate_on_commit(scopes)
    return analysed


def _send_to_moderation(target, instance, categories):
    """Queue a flagged text for moderators (never hides it); only moderated content."""
    if not moderation_registry.is_registered(instance) or not target.flaggable(instance):
        return None
    return flag_content(instance, queue_reason(categories), categories=categories)


def analyse_one(kind_target, object_id, *, force=False):
    """Analyse one stored text by id; a text that is gone loses its row. Returns
    "analysed", "updated" or "gone"."""
    instance = kind_target.all().filter(pk=object_id).first()
    if instance is None:
        forget(kind_target.model, object_id)
        return "gone"
    return "analysed" if analyse_instances(kind_target, [instance], force=force) else "updated"


def forget(model, object_id):
    """Delete the row of a deleted text (it leaves the aggregates at once)."""
    content_type = ContentType.objects.get_for_model(model)
    rows = TextAnalysis.objects.filter(content_type=content_type, object_id=object_id)
    scopes = set()
    for row in rows.values(*SCOPE_COLUMNS):
        scopes.update(aggregates_cache.scopes_of(row))
    with transaction.atomic():
        deleted, _by_model = rows.delete()
        aggregates_cache.invalidate_on_commit(scopes)
    return deleted


def set_visibility(model, kind, items, visible=None):
    """Set which rows of `items` (a queryset of `model`, analysed as `kind`) count in the
    aggregates: those in `visible` (a narrower queryset) do, the others do not.

    For content whose visibility follows another object (a reply follows its thread),
    so that removing the parent takes its children out in one update, not one task each.
    Returns the number of rows changed.
    """
    content_type = ContentType.objects.get_for_model(model)
    rows = TextAnalysis.objects.filter(
        content_type=content_type, kind=kind, object_id__in=items.values("pk")
    )
    visible_ids = visible.values("pk") if visible is not None else model.objects.none().values("pk")
    with transaction.atomic():
        shown = rows.filter(object_id__in=visible_ids).exclude(content_visible=True)
        hidden = rows.exclude(object_id__in=visible_ids).exclude(content_visible=False)
        scopes = set()
        for changed in (shown, hidden):
            for row in changed.values(*SCOPE_COLUMNS):
                scopes.update(aggregates_cache.scopes_of(row))
        changed = hidden.update(content_visible=False) + shown.update(content_visible=True)
        aggregates_cache.invalidate_on_commit(scopes)
    return changed
