"""Consultation pages and comments (co-design sessions live in `consultations.codesign`).

- `pages`: the consultation index, consultation pages, their proposals and documents;
- `querysets`: a consultation's status and the reads of consultation pages;
- `comments`: threaded comments and the earlier texts of edited comments.

The names are re-exported here, so `from consultations.models import Comment` works and
every model keeps the `consultations` app label (no migration for the split).
`ModerationMode` (the choices of a consultation's moderation field) comes with them.
"""

from engage.moderation.content import ModerationMode

from .comments import (
    MAX_COMMENT_DEPTH,
    Comment,
    CommentQuerySet,
    CommentRevision,
    CommentStatus,
)
from .pages import (
    CONSULTATIONS_PER_PAGE,
    ConsultationDocument,
    ConsultationIndexPage,
    ConsultationPage,
    Proposal,
    live_strings,
)
from .querysets import (
    CARD_IMAGE_SPEC,
    ConsultationPageManager,
    ConsultationPageQuerySet,
    ConsultationStatus,
)

__all__ = [
    "CARD_IMAGE_SPEC",
    "CONSULTATIONS_PER_PAGE",
    "MAX_COMMENT_DEPTH",
    "Comment",
    "CommentQuerySet",
    "CommentRevision",
    "CommentStatus",
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationPageManager",
    "ConsultationPageQuerySet",
    "ConsultationStatus",
    "ModerationMode",
    "Proposal",
    "live_strings",
]
