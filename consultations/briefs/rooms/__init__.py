"""Live rooms: the in-memory copy of a brief that one server process edits.

Each process holds at most one `Room` per brief while someone has it open. The room
keeps the Yjs document (loaded from PostgreSQL by `document_store.load_document`), the
awareness states (who is here, their cursor) and the process's open connections.

- An update from a connection is checked, applied to the room's document, relayed to
  the room's other connections directly and to the rooms of other processes through the
  channel layer group `session-document-<session id>`, and logged in the database within
  FLUSH_DELAY, in batches (`document_store.record_updates`).
- Each room listens on its own channel in that group. Messages carry the sending
  process's `PROCESS` token, so a room never re-applies its own.
- PostgreSQL is the source of truth. A new room joins the group BEFORE it loads the
  document from the database (what arrives meanwhile waits until the load is done), then
  asks the other processes' rooms for what it still lacks (`brief.sync` with its state
  vector; each answers on the room's own channel with the missing update, and its
  editors' presence). So an update that another process applied but had not logged yet
  when this room loaded still arrives, and the same request after the channel layer
  comes back fills what was missed during the outage.
- If the channel layer is down, editors connected to the same process keep editing
  together; the room keeps retrying the layer and, once back, asks the others for what
  it missed (above). Every update is in the database either way.
- When the last connection leaves, the room logs anything the database lacks, folds the
  log into the stored state (`document_store.compact`) and is dropped.

Server-side changes (a restored revision, an accepted suggestion) reach rooms through
`publish_update`, called after commit.

The package: `room` (the `Room` class), `registry` (the rooms open in this process:
`join`, `leave`), `publishing` (`publish_update`, `publish_event`, `permissions_changed`,
for sync code after commit). Rooms save through `document_store` and `revisions` and
never import `services`; services publish through `publishing`.
"""

from .publishing import permissions_changed, publish_event, publish_update
from .registry import forget_all_rooms, join, leave, open_rooms, room_for
from .room import Room

__all__ = [
    "Room",
    "forget_all_rooms",
    "join",
    "leave",
    "open_rooms",
    "permissions_changed",
    "publish_event",
    "publish_update",
    "room_for",
]
