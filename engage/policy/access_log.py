"""Which agreements a request's access decisions rested on.

`engage.accounts.rules.partner_access_for` calls `note_grant_use(user, scope, access)`
when a partner's grant lets them see something. The notes are kept for the current
request only (`collecting()`, opened by `AgreementAccessMiddleware`), and after a
successful answer `record_accesses` writes one `AgreementAccess` per agreement whose
grant was used. Outside a request (commands, tasks) nothing is noted.

The notes live in a mutable list held by a context variable, so a note made in the
thread that runs a sync view under ASGI reaches the list the middleware opened.
"""

import contextlib
import contextvars
import logging

from django.db import transaction

logger = logging.getLogger("engage.policy")

_notes = contextvars.ContextVar("engage_agreement_notes", default=None)


@contextlib.contextmanager
def collecting():
    """Collect the grant uses of one request; yields the list of notes."""
    notes = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def note_grant_use(user, grant_scope, access):
    """Note that a grant (`grant_scope`, `access`) of `user` let them in."""
    notes = _notes.get()
    if notes is not None and user is not None and getattr(user, "pk", None):
        notes.append((user.pk, str(grant_scope), str(access)))


def record_accesses(request, response, notes):
    """One `AgreementAccess` per agreement (and grant) whose grant was used, for a
    successful answer; an answer of 400 or more records nothing. Never raises: the
    failure is logged (the answer was already made)."""
    if not notes or response.status_code >= 400:
        return 0
    try:
        with transaction.atomic():
            return _write(request, response, notes)
    except Exception:
        logger.exception("Could not record the access under agreements of %s", request.path)
        return 0


def _write(request, response, notes):
    from .models import AgreementAccess, PartnerGrant

    user = request.user
    used = {(scope, access) for user_id, scope, access in notes if user_id == user.pk}
    rows, seen = [], set()
    grants = PartnerGrant.objects.usable_by(user).select_related("organisation")
    for grant in grants.order_by("pk"):
        key = (grant.agreement_id, grant.scope, grant.access)
        if (grant.scope, grant.access) in used and key not in seen:
            seen.add(key)
            rows.append(
                AgreementAccess(
                    agreement_id=grant.agreement_id,
                    user=user,
                    organisation=grant.organisation,
                    scope=grant.scope,
                    access=grant.access,
                    method=request.method[:8],
                    path=request.get_full_path()[:500],
                    status_code=response.status_code,
                )
            )
    AgreementAccess.objects.bulk_create(rows)
    return len(rows)
