"""What every glossary write does besides the write: audit and the cache bump."""

import logging

from engage.after_commit import on_commit_safely

from .. import terms_cache
from ..models import AuditEntry

audit_log = logging.getLogger("engage.audit")


def audit(term, action, *, user=None, organisation=None, key="", **details):
    """Record `action` on `term` (None for glossary-wide actions such as exports)."""
    entry = AuditEntry.objects.create(
        term=term,
        term_key=term.slug if term is not None else key,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        organisation=organisation,
        details=details,
    )
    audit_log.info(
        "glossary %s: term=%s user=%s organisation=%s",
        action,
        entry.term_key,
        getattr(entry.user, "pk", None),
        getattr(organisation, "pk", None),
    )
    return entry


def glossary_changed():
    """After commit: cached term lists (links, writing check) are stale."""
    on_commit_safely(terms_cache.bump, "glossary cache bump")
