"""Changes the server makes to the document: applying a change (an accepted suggestion,
a restored revision), and revisions asked for by co-authors.

A server change is an ordinary Yjs update made on a copy loaded from the database,
logged like anyone's edit and pushed to every open editor after commit, so connected
clients converge on it.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import ydoc
from ..document_store import load_document, record_update
from ..models import Brief, BriefSnapshot
from ..revisions import take_snapshot
from .access import check_rule
from .live import publish_event_after_commit, publish_update_after_commit

logger = logging.getLogger("engage.briefs")


def apply_server_change(brief, user, change):
    """Run `change(doc)` on the stored document and log and publish the resulting update.

    Returns what `change` returned. The update is pushed to open editors after commit.
    """
    with transaction.atomic():
        locked = Brief.objects.select_for_update().select_related("session").get(pk=brief.pk)
        # The status may have changed since the caller checked (marked final meanwhile).
        # `user=None` is the system itself (setup, benchmarks): it too writes only drafts.
        if user is None:
            if not locked.is_drafting:
                raise PermissionDenied(_("You do not have permission to do this."))
        else:
            check_rule("briefs.edit", user, locked)
        doc, _last = load_document(brief.pk)
        before = doc.get_state()
        length_before = ydoc.text_length(doc)
        result = change(doc)
        update = doc.get_update(before)
        if doc.get_state() != before:
            length_after = ydoc.text_length(doc)
            record_update(brief.pk, user, update)
            Brief.objects.filter(pk=brief.pk).update(updated_at=timezone.now())
            publish_update_after_commit(brief, update)
            logger.info(
                "Server change to brief %s: %s characters",
                brief.pk,
                length_after - length_before,
            )
    return result


def current_html(brief):
    doc, _last = load_document(brief.pk)
    return ydoc.render_html(doc)


def snapshot_on_demand(brief, user):
    check_rule("briefs.edit", user, brief)
    return take_snapshot(brief, user, BriefSnapshot.Reason.MANUAL)


def restore_snapshot(snapshot, user):
    """Make the document equal to `snapshot` again (a new update; history is kept)."""
    brief = snapshot.brief
    check_rule("briefs.edit", user, brief)
    take_snapshot(brief, user, BriefSnapshot.Reason.RESTORE)
    source = ydoc.new_doc(snapshot.state)
    apply_server_change(brief, user, lambda doc: ydoc.make_equal_to(doc, source))
    publish_event_after_commit(brief, "brief.restored", {"revision": snapshot.pk})
