"""Tell open briefs when someone's rights may have changed, so that the next update from
an affected connection is checked against `rules` again (see consumers.update_refusal).

Connected in BriefsConfig.ready(): invitations and RSVPs (per session), leadership
mandates, group membership and account changes (every open brief of this process; the
others re-check within BRIEF_PERMISSION_RECHECK_SECONDS)."""

from engage.after_commit import on_commit_safely


def _after_commit(session_id=None):
    from . import rooms

    on_commit_safely(lambda: rooms.permissions_changed(session_id), "brief rights re-check")


def session_rights_changed(sender, instance, **kwargs):
    _after_commit(getattr(instance, "session_id", None))


def roles_changed(sender, instance=None, **kwargs):
    _after_commit(None)
