"""Channel-layer group names, in one place so producers and consumers agree."""


def consultation_group(consultation_id):
    return f"consultation-{int(consultation_id)}"


def forum_thread_group(thread_id):
    return f"forum-thread-{int(thread_id)}"


def session_document_group(session_id):
    return f"session-document-{int(session_id)}"
