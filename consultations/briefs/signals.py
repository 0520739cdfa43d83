"""Tell open briefs when someone's rights may have changed, so that the next update from
an affected connection is checked against `rules` again (see consumers.update_refusal).

Connected in BriefsConfig.ready(): invitations and RSVPs (per session), leadership
mandates, group membership and account changes (every open brief of this process; the
others re-check within BRIEF_PERMISSION_RECHECK_SECONDS)."""

from django.db import transaction


def _after_commit(session_id=None):
    from . import rooms

    transaction.on_commit(lambda: rooms.permissions_changed(session_id))


def session_rights_changed(sender, instance, **kwargs):
    _after_commit(getattr(instance, "session_id", None))


def roles_changed(sender, instance=None, **kwargs):
    _after_commit(None)
