"""Channel-layer group names, in one place so producers and consumers agree.

Names are namespaced by what they carry (`consultation-42`, `forum-thread-7`) so one
Redis shared by several features never mixes their messages.
"""


def consultation_group(consultation_id):
    """Open pages of one consultation."""
    return f"consultation-{int(consultation_id)}"


def forum_thread_group(thread_id):
    """Open pages of one myth-busting forum thread."""
    return f"forum-thread-{int(thread_id)}"


def session_document_group(session_id):
    """Editors of one co-design session's shared brief."""
    return f"session-document-{int(session_id)}"
