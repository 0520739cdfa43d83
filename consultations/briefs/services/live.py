"""Live updates from services: pushed to the brief's open editors after commit."""

from engage.after_commit import on_commit_safely

from .. import rooms


def publish_event_after_commit(brief, event, payload):
    """After commit, tell the brief's open editors about `event` (see rooms.publish_event)."""
    on_commit_safely(
        lambda: rooms.publish_event(brief.session_id, event, payload), f"brief event {event}"
    )


def publish_update_after_commit(brief, update):
    """After commit, push a server-made document update to the brief's open editors."""
    on_commit_safely(lambda: rooms.publish_update(brief.session_id, update), "brief live update")
